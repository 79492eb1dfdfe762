# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import CoopSharesRpcCommon


@tagged("post_install", "-at_install")
class TestShareCapitalDocuments(CoopSharesRpcCommon, HttpCase):
    """An accountant over JSON-RPC cannot leave issued shares without a paid capital document
    of the same amount."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice = cls._membership("Alice Holder")

    def _figures(self, request):
        self.env.invalidate_all()
        move = request.move_id
        return (
            request.state,
            sorted(request.line_ids.mapped(lambda line: (line.operation, line.quantity))),
            move.state,
            move.payment_state,
            move.amount_total,
            self._holding(request.membership_id, request.class_id),
        )

    def _refused(self, request, model, method, *args, message, **kwargs):
        before = self._figures(request)
        self.assertRpcRefused(self.rpc_accountant, model, method, *args, message=message, **kwargs)
        self.assertEqual(self._figures(request), before)
        self.assertRegisterMatchesLedger()

    def test_payment_of_issued_shares_stays(self):
        request = self._issue(self.alice, self.member_class, 3)
        move = request.move_id
        payment = move._get_reconciled_payments()
        self.assertTrue(payment)
        self._refused(
            request,
            "account.move.line",
            "remove_move_reconcile",
            move.line_ids.ids,
            message="payment cannot be undone",
        )
        undone = "payment cannot be undone"
        self._refused(request, "account.payment", "action_draft", payment.ids, message=undone)
        self._refused(request, "account.payment", "action_cancel", payment.ids, message=undone)
        booked = "booked in the share register"
        self._refused(request, "account.move", "button_draft", move.ids, message=booked)
        self._refused(request, "account.move", "button_cancel", move.ids, message=booked)

    def test_paid_redemption_stays_paid(self):
        self._issue(self.alice, self.investor_class, 2)
        redemption = self._approve(
            self._request(self.alice, self.investor_class, 1, request_type="redemption")
        )
        self._pay(redemption.move_id)
        self.assertEqual(redemption.state, "done")
        self._refused(
            redemption,
            "account.move.line",
            "remove_move_reconcile",
            redemption.move_id.line_ids.ids,
            message="payment cannot be undone",
        )

    def test_capital_invoice_reset_to_draft_keeps_its_amount(self):
        request = self._approve(self._request(self.alice, self.member_class, 3))
        move = request.move_id
        line = move.invoice_line_ids
        # resetting an unpaid invoice is allowed; changing what it asks for is not
        # button_draft returns nothing: JSON-RPC answers without a result
        answer = self.rpc_call(self.rpc_accountant, "account.move", "button_draft", move.ids)
        self.assertNotIn("error", answer)
        self.assertEqual(move.state, "draft")
        for change, undo in (
            ({"quantity": 1}, {"quantity": 3}),
            ({"price_unit": 10.0}, {"price_unit": 50.0}),
        ):
            with self.subTest(change=change):
                self.rpc(
                    self.rpc_accountant,
                    "account.move",
                    "write",
                    move.ids,
                    {"invoice_line_ids": [Command.update(line.id, change)]},
                )
                self.assertRpcRefused(
                    self.rpc_accountant, "account.move", "action_post", move.ids, message="stays at"
                )
                self.rpc(
                    self.rpc_accountant,
                    "account.move",
                    "write",
                    move.ids,
                    {"invoice_line_ids": [Command.update(line.id, undo)]},
                )
        self.rpc(
            self.rpc_accountant,
            "account.move",
            "write",
            move.ids,
            {"partner_id": self.partner_a.id},
        )
        self.assertRpcRefused(
            self.rpc_accountant, "account.move", "action_post", move.ids, message="stays at"
        )
        self.rpc(
            self.rpc_accountant,
            "account.move",
            "write",
            move.ids,
            {"partner_id": self.alice.partner_id.id},
        )
        self.rpc(self.rpc_accountant, "account.move", "action_post", move.ids)
        self._pay(move)
        self.assertEqual(request.line_ids.quantity, 3)
        self.assertEqual(move.amount_total, 150)
        self.assertRegisterMatchesLedger()

    def test_posted_documents_are_not_edited_in_place(self):
        request = self._approve(self._request(self.alice, self.member_class, 3))
        line = request.move_id.invoice_line_ids
        self._refused(
            request,
            "account.move",
            "write",
            request.move_id.ids,
            {"invoice_line_ids": [Command.update(line.id, {"quantity": 1})]},
            message="posted",
        )
        self._refused(
            request,
            "account.move.line",
            "write",
            line.ids,
            {"account_id": self.company_data["default_account_revenue"].id},
            message="booked in the share register",
        )
        self._pay(request.move_id)
        settlement = request.line_ids.move_id
        equity_line = settlement.line_ids.filtered(
            lambda item: item.account_id == self.equity_member
        )
        self._refused(
            request,
            "account.move.line",
            "write",
            equity_line.ids,
            {"account_id": self.equity_investor.id},
            message="booked in the share register",
        )
