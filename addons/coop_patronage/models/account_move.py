# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    """Allocation entries and redemption bills carry members' capital
    accounts: undone in the books alone, the ledger and the books would part.
    They are undone by the patronage period's Reverse, which does both."""

    _inherit = "account.move"

    def _coop_check_capital_moves(self):
        if self.env["coop.capital.account.line"]._coop_in_workflow():
            return
        lines = (
            self.env["coop.capital.account.line"]
            .sudo()
            .search([("move_id", "in", self.ids)], limit=1)
        )
        if lines:
            raise UserError(
                self.env._(
                    "%(move)s records members' patronage capital: reverse its patronage "
                    "period instead (a redemption is corrected by a new allocation entry).",
                    move=lines.move_id.display_name,
                )
            )

    def button_draft(self):
        self._coop_check_capital_moves()
        return super().button_draft()

    def _reverse_moves(self, default_values_list=None, cancel=False):
        self._coop_check_capital_moves()
        return super()._reverse_moves(default_values_list=default_values_list, cancel=cancel)
