# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL


class AccountInvoiceReport(models.Model):
    _inherit = "account.invoice.report"

    @api.model
    def _where(self) -> SQL:
        # Members buying into their co-op is capital, not turnover.
        return SQL(
            "%s AND move.journal_id NOT IN (SELECT id FROM account_journal WHERE "
            "coop_share_capital)",
            super()._where(),
        )
