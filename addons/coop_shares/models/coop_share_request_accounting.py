# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose (as OCA contract).
# pylint: disable=consider-merging-classes-inherited
"""Accounting of share requests: capital documents, settlement and register posting."""

from odoo import Command, _, models
from odoo.exceptions import UserError

from ..share_rules import counter_lines, settlement_lines, settlement_register_entry


class CoopShareRequest(models.Model):
    _inherit = "coop.share.request"

    def _capital_line_values(self):
        return {
            "product_id": self.class_id.product_id.id,
            "name": _(
                "%(quantity)s x %(share_class)s (%(request)s)",
                quantity=self.quantity,
                share_class=self.class_id.display_name,
                request=self.name,
            ),
            "quantity": self.quantity,
            "price_unit": self.class_id.nominal_value,
            "account_id": self.company_id._coop_share_pending_account().id,
            "tax_ids": [Command.clear()],
        }

    def _post_capital_document(self):
        """The capital invoice of a subscription or the redemption bill, posted; the request is
        then invoiced."""
        self.ensure_one()
        company = self.company_id
        is_bill = self.request_type == "redemption"
        values = {
            "move_type": "in_invoice" if is_bill else "out_invoice",
            "company_id": company.id,
            "journal_id": company._coop_share_journal("purchase" if is_bill else "sale").id,
            "partner_id": self.partner_id.id,
            "invoice_date": company._coop_today(),
            "invoice_origin": self.name,
            "coop_share_request_id": self.id,
            "fiscal_position_id": False,
            "invoice_line_ids": [Command.create(self._capital_line_values())],
        }
        if is_bill:
            values["ref"] = self.name
        move = self.env["account.move"].with_company(company).create(values)
        # linked first, so posting checks the document against the request
        self._coop_workflow().move_id = move
        move.action_post()
        self._coop_workflow().state = "invoiced"
        return move

    def _post_capital_entry(self, lines):
        """The request's own journal entry (transfer, conversion): lines are (account, partner,
        debit, credit)."""
        move = self._post_capital_entries({self: lines})[self]
        self._coop_workflow().move_id = move
        return move

    def _post_capital_entries(self, lines_by_request):
        """{request: lines} -> {request: posted journal entry}, created and posted in one batch."""
        requests = list(lines_by_request)
        moves = self.env["account.move"].create(
            [
                self._capital_entry_values(
                    request.company_id, {request: lines_by_request[request]}, request
                )
                for request in requests
            ]
        )
        moves.action_post()
        return dict(zip(requests, moves, strict=True))

    def _post_settlement_entries(self, lines_by_request):
        """One settlement entry per co-op for a batch of paid documents: {request: entry}.

        Each request keeps its own lines (labelled with its reference), so a single
        request can be reversed later without touching the rest of the batch.
        """
        by_company = {}
        for request, lines in lines_by_request.items():
            by_company.setdefault(request.company_id, {})[request] = lines
        moves = self.env["account.move"].create(
            [self._capital_entry_values(company, lines) for company, lines in by_company.items()]
        )
        moves.action_post()
        entries = {}
        for move, requests in zip(moves, by_company.values(), strict=True):
            entries.update(dict.fromkeys(requests, move))
        return entries

    def _capital_entry_values(self, company, lines_by_request, own_request=None):
        """Journal entry values; lines are (account, partner, debit, credit) per request."""
        return {
            "move_type": "entry",
            "company_id": company.id,
            "journal_id": company._coop_share_journal("general").id,
            "date": company._coop_today(),
            "ref": own_request.name if own_request else _("Share capital settlement"),
            "coop_share_request_id": own_request.id if own_request else False,
            "line_ids": [
                Command.create(
                    {
                        "account_id": account.id,
                        "partner_id": partner.id,
                        "debit": debit,
                        "credit": credit,
                        "name": request.name,
                    }
                )
                for request, lines in lines_by_request.items()
                for account, partner, debit, credit in lines
            ],
        }

    def _post_lines(self, entries, move):
        """Register entries (membership, class, quantity, operation) of this request."""
        return self._post_register_entries(
            [
                (self, membership, share_class, quantity, operation, move)
                for membership, share_class, quantity, operation in entries
            ]
        )

    def _post_register_entries(self, entries):
        """Register entries (request, membership, class, quantity, operation, move) in one batch;
        the requests are done and membership follows."""
        lines = self.env["coop.share.line"]._post_entries(
            [
                {
                    "membership_id": membership.id,
                    "class_id": share_class.id,
                    "quantity": quantity,
                    "operation": operation,
                    "request_id": request.id,
                    "move_id": move.id,
                }
                for request, membership, share_class, quantity, operation, move in entries
            ]
        )
        requests = lines.request_id
        certified = lines.filtered(lambda line: line.quantity > 0).request_id
        certified._coop_workflow().write({"state": "done", "certificate_to_send": True})
        (requests - certified)._coop_workflow().write({"state": "done"})
        requests._apply_membership_consequences(lines)
        if certified:
            self.env.ref("coop_shares.ir_cron_send_certificates")._trigger()
        return lines

    def _on_move_paid(self):
        """Capital invoices or redemption bills are paid: settle equity, post the register, in
        one batch."""
        refused = self.filtered(lambda request: request.state in ("cancelled", "rejected"))
        if refused:
            raise UserError(
                _(
                    "Request %(request)s is %(state)s: its document cannot be paid.",
                    request=refused[0].name,
                    state=refused[0]._state_label(),
                )
            )
        to_settle = self.filtered(lambda request: request.state == "invoiced")
        if not to_settle:
            return
        to_settle._coop_workflow().write({"state": "paid"})
        lines_by_request, entries = {}, []
        for request in to_settle:
            lines_by_request[request] = [
                (account, request.partner_id, debit, credit)
                for account, debit, credit in settlement_lines(
                    request.request_type,
                    request.company_id._coop_share_pending_account(),
                    request.class_id.equity_account_id,
                    request.amount,
                )
            ]
            quantity, operation = settlement_register_entry(request.request_type, request.quantity)
            entries.append((request, request.membership_id, request.class_id, quantity, operation))
        settlements = self._post_settlement_entries(lines_by_request)
        self._post_register_entries([(*entry, settlements[entry[0]]) for entry in entries])

    def _on_move_cancelled(self, reason):
        to_cancel = self.filtered(lambda request: request.state in ("approved", "invoiced"))
        if to_cancel:
            to_cancel._coop_workflow().write({"state": "cancelled", "reason": reason})
            for request in to_cancel:
                request.message_post(body=reason)

    def _on_move_reversed(self, reversal_move):
        """A credit note or reversal of the request's own document.

        Before payment it cancels the request; after it, the register entries are
        reversed together with their share of the settlement entry.
        """
        self.ensure_one()
        if reversal_move.reversed_entry_id != self.move_id:
            return
        if self.state in ("approved", "invoiced"):
            self._on_move_cancelled(
                _("Document reversed by %(move)s.", move=reversal_move.display_name)
            )
        elif self.state == "done":
            self.line_ids._reverse_with_counter_entries(date=reversal_move.date)

    def _post_counter_entries(self, pairs):
        """{(request, move): counter entry} undoing each request's own lines of ``move``."""
        lines_by_request = {}
        for request, move in pairs:
            lines_by_request[request] = counter_lines(
                (line.account_id, line.partner_id, line.debit, line.credit)
                for line in move.line_ids
                if line.name == request.name
            )
        counters = self._post_capital_entries(lines_by_request)
        for request, move in pairs:
            counters[request].ref = _(
                "Reversal of %(request)s in %(move)s", request=request.name, move=move.name
            )
        return {(request, move): counters[request] for request, move in pairs}
