# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # Odoo lets a posted entry's items change while they stay balanced; the share
    # register relies on these amounts, so for its entries they are final.
    def _coop_booked_figures(self):
        posted = self.filtered(lambda line: line.parent_state == "posted").move_id
        if not posted:
            return {}
        booked = posted._coop_register_moves() | posted._coop_capital_documents()
        return {
            line.id: (line.account_id.id, line.partner_id.id, line.balance, line.amount_currency)
            for line in self
            if line.move_id in booked
        }

    def _coop_refuse_booked_change(self, moves):
        raise UserError(
            _(
                "%(move)s is booked in the share register; its amounts, accounts and partners "
                "cannot change. Reverse it instead.",
                move=moves[0].display_name,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if lines._coop_booked_figures():
            self._coop_refuse_booked_change(lines.move_id)
        return lines

    def write(self, vals):
        before = self._coop_booked_figures()
        result = super().write(vals)
        if before:
            after = self.browse(list(before))._coop_booked_figures()
            if after != before:
                self._coop_refuse_booked_change(self.browse(list(before)).move_id)
        return result

    def unlink(self):
        booked = self._coop_booked_figures()
        if booked:
            self._coop_refuse_booked_change(self.browse(list(booked)).move_id)
        return super().unlink()
