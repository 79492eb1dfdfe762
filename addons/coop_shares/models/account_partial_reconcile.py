# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models
from odoo.exceptions import UserError


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    def unlink(self):
        """The payment of a settled capital document stays: its shares were issued (or
        redeemed) against it. Unreconciling, resetting or cancelling the payment all come
        here; a credit note on the document reverses the register entries instead."""
        moves = (self.debit_move_id | self.credit_move_id).move_id
        settled = moves._coop_settled_capital_documents()
        if settled:
            raise UserError(
                _(
                    "%(move)s is paid and its shares are in the share register; its payment "
                    "cannot be undone. Issue a credit note on it to reverse the register "
                    "entries.",
                    move=settled[0].display_name,
                )
            )
        return super().unlink()
