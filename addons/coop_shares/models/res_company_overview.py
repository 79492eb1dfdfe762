# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
from collections import defaultdict

from markupsafe import Markup

from odoo import fields, models
from odoo.tools.misc import format_amount


class ResCompany(models.Model):
    """The shares section of the Cooperative overview (coop_base)."""

    _inherit = "res.company"

    coop_share_request_pending_count = fields.Integer(
        string="Share Requests to Decide", compute="_compute_coop_overview_shares"
    )
    coop_overview_capital = fields.Html(
        string="Capital by Class", compute="_compute_coop_overview_shares", sanitize=False
    )

    def _compute_coop_overview_shares(self):
        pending = dict(
            self.env["coop.share.request"]
            .sudo()
            ._read_group(
                [("company_id", "in", self.ids), ("state", "=", "submitted")],
                ["company_id"],
                ["__count"],
            )
        )
        capital = defaultdict(list)
        for company, share_class, amount in (
            self.env["coop.share.line"]
            .sudo()
            ._read_group(
                [("company_id", "in", self.ids)], ["company_id", "class_id"], ["amount:sum"]
            )
        ):
            capital[company.id].append((share_class.display_name, amount, company.currency_id))
        for company in self:
            company.coop_share_request_pending_count = pending.get(company, 0)
            company.coop_overview_capital = Markup("").join(
                Markup("<li>%s: <strong>%s</strong></li>")
                % (name, format_amount(self.env, amount, currency))
                for name, amount, currency in sorted(capital[company.id])
            )

    def action_coop_overview_share_requests(self):
        return self._coop_overview_action(
            "coop_shares.coop_share_request_action", [("state", "=", "submitted")]
        )
