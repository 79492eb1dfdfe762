# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    coop_share_request_id = fields.Many2one(
        "coop.share.request",
        string="Share Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )

    def _invoice_paid_hook(self):
        result = super()._invoice_paid_hook()
        self.filtered("coop_share_request_id").coop_share_request_id.sudo()._on_move_paid()
        return result

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        Line = self.env["coop.share.line"].sudo()
        for move in posted.filtered("reversed_entry_id"):
            reversed_move = move.reversed_entry_id
            # the accountant reversed an entry of the register (settlement, transfer, conversion)
            register_lines = Line.search([("move_id", "=", reversed_move.id)])
            if any(line.operation == "reversal" for line in register_lines):
                raise UserError(
                    _(
                        "%(move)s reverses share register entries; it cannot be undone. "
                        "File a new share request instead.",
                        move=reversed_move.display_name,
                    )
                )
            lines = register_lines.filtered(lambda line: not line.reversal_line_ids)
            if lines:
                reversals = lines._post_reversals(move=move, date=move.date)
                reversals.request_id._apply_membership_consequences(reversals)
            elif reversed_move.coop_share_request_id:
                # a credit note on a capital invoice or redemption bill
                reversed_move.coop_share_request_id.sudo()._on_move_reversed(move)
        return posted

    def button_draft(self):
        in_register = (
            self.env["coop.share.line"].sudo().search_count([("move_id", "in", self.ids)], limit=1)
        )
        booked = self.filtered(lambda move: move.coop_share_request_id.state in ("paid", "done"))
        if in_register or booked:
            raise UserError(
                _(
                    "%(move)s is booked in the share register; reverse it instead of "
                    "resetting it to draft.",
                    move=(booked or self)[0].display_name,
                )
            )
        return super().button_draft()

    def button_cancel(self):
        result = super().button_cancel()
        if not self.env.context.get("coop_share_request_cancelling"):
            for move in self.filtered("coop_share_request_id"):
                move.coop_share_request_id.sudo()._on_move_cancelled(
                    _("Document %(move)s was cancelled.", move=move.display_name)
                )
        return result
