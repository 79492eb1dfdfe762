# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Give every co-op that already keeps accounts its share journals."""
    for company in env["res.company"].search([("chart_template", "!=", False)]):
        for journal_type in ("sale", "purchase", "general"):
            company._coop_share_journal(journal_type)
