# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


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
        self._coop_capital_documents().coop_share_request_id.sudo()._on_move_paid()
        return result

    def _post(self, soft=True):
        self._coop_check_capital_documents()
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
        # billing users edit capital invoices without reading share requests
        booked = self.filtered(
            lambda move: move.coop_share_request_id.sudo().state in ("paid", "done")
        )
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
        for move in self._coop_capital_documents():
            move.coop_share_request_id.sudo()._on_move_cancelled(
                _("Document %(move)s was cancelled.", move=move.display_name)
            )
        return result

    def _coop_capital_documents(self):
        """The capital invoices and redemption bills among these moves: the document a request
        made itself (its ``move_id``), not any move that merely points to the request."""
        return self.filtered(lambda move: move.coop_share_request_id.sudo().move_id == move)

    def _coop_check_capital_documents(self):
        """A capital document says what its request was approved for, or is not posted.

        Reset to draft before payment, an invoice for 3 shares edited down to 1 would
        still issue 3 shares once paid, and leave the difference on the clearing
        account.
        """
        for move in self._coop_capital_documents():
            request = move.coop_share_request_id.sudo()
            currency = request.currency_id
            pending = request.company_id._coop_share_pending_account()
            sign = 1 if request.request_type == "redemption" else -1
            pending_balance = sum(
                move.line_ids.filtered(lambda line, p=pending: line.account_id == p).mapped(
                    "balance"
                )
            )
            if (
                move.move_type != ("in_invoice" if sign > 0 else "out_invoice")
                or move.currency_id != currency
                or move.commercial_partner_id != request.partner_id.commercial_partner_id
                or currency.compare_amounts(move.amount_total, request.amount)
                or currency.compare_amounts(pending_balance, sign * request.amount)
            ):
                raise UserError(
                    _(
                        "%(move)s is the capital document of %(request)s: it stays at "
                        "%(amount)s for %(quantity)s %(share_class)s shares of %(holder)s. "
                        "Cancel the request to change it.",
                        move=move.display_name,
                        request=request.name,
                        amount=format_amount(self.env, request.amount, currency),
                        quantity=request.quantity,
                        share_class=request.class_id.display_name,
                        holder=request.partner_id.display_name,
                    )
                )

    def _coop_settled_capital_documents(self):
        """Capital documents whose request was settled: its shares are in the register."""
        return self._coop_capital_documents().filtered(
            lambda move: move.coop_share_request_id.sudo().state in ("paid", "done")
        )

    def _coop_register_moves(self):
        """The entries among these moves that register entries rely on (settlements,
        transfers, conversions, their reversals)."""
        booked = self.env["coop.share.line"].sudo().search([("move_id", "in", self.ids)]).move_id
        return self & booked
