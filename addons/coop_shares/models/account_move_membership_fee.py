# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose (as OCA contract).
# pylint: disable=consider-merging-classes-inherited
from odoo import _, models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _invoice_paid_hook(self):
        result = super()._invoice_paid_hook()
        # a paid membership fee may complete an admission "once paid"
        applications = (
            self.env["coop.membership"].sudo().search([("coop_fee_move_id", "in", self.ids)])
        )
        if applications:
            applications._coop_admit_paid_up(_("Membership fee and required shares paid."))
        return result
