# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal
from itertools import permutations

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import BaseCase, Form, HttpCase, tagged

from odoo.addons.coop_base.tests.common import JsonRpcCase, new_coop_user

from ..share_rules import (
    ADMISSION_ON_APPROVAL,
    ADMISSION_ONCE_PAID,
    ClassRules,
    admission_due,
    membership_change,
    missing_required_shares,
    withdrawal_due,
)
from .common import CoopSharesCommon

REQUIRED = ClassRules(nominal_value=Decimal(50), min_quantity=2, required_for_membership=True)
OTHER_REQUIRED = ClassRules(nominal_value=Decimal(10), min_quantity=1, required_for_membership=True)


@tagged("post_install", "-at_install")
class TestAdmissionRules(BaseCase):
    """Admission and withdrawal decisions as plain functions."""

    def test_buying_never_withdraws(self):
        # admitted by the board holding no required share, then buying another class
        self.assertIsNone(membership_change("member", [(REQUIRED, 0, 0)]))
        # buying required shares that stay under the minimum
        self.assertIsNone(membership_change("member", [(REQUIRED, 1, 1)]))
        self.assertIsNone(
            membership_change("suspended", [(REQUIRED, 0, 0), (OTHER_REQUIRED, 3, 3)])
        )

    def test_only_an_outflow_under_the_minimum_withdraws(self):
        self.assertEqual(membership_change("member", [(REQUIRED, 0, -2)]), "withdraw")
        self.assertEqual(membership_change("suspended", [(REQUIRED, 0, -5)]), "withdraw")
        # an outflow that keeps the minimum
        self.assertIsNone(membership_change("member", [(REQUIRED, 2, -1)]))
        # an outflow of one class does not count against another
        self.assertIsNone(membership_change("member", [(REQUIRED, 0, 0), (OTHER_REQUIRED, 1, -1)]))
        self.assertIsNone(membership_change("withdrawn", [(REQUIRED, 0, -2)]))
        self.assertIsNone(membership_change("member", []))

    def test_settlement_order_of_a_batch_does_not_matter(self):
        # a batch redeeming 2 and issuing 2 required shares, settled in any order
        batch = [-2, 2, -1, 1]
        decisions = {withdrawal_due([(REQUIRED, 2, sum(order))]) for order in permutations(batch)}
        self.assertEqual(decisions, {False})

    def test_admission_once_paid(self):
        required = [(REQUIRED, 2, 2)]
        self.assertEqual(membership_change("applicant", required), "admit")
        self.assertEqual(
            membership_change("applicant", required, ADMISSION_ONCE_PAID, True, True), "admit"
        )
        # the fee is not paid yet
        self.assertIsNone(membership_change("applicant", required, ADMISSION_ONCE_PAID, True))
        # only the board admits
        self.assertIsNone(membership_change("applicant", required, ADMISSION_ON_APPROVAL))
        self.assertIsNone(membership_change("applicant", [(REQUIRED, 1, 1)]))
        self.assertIsNone(
            membership_change("applicant", [(REQUIRED, 2, 2), (OTHER_REQUIRED, 0, 0)])
        )

    def test_admission_due_and_shortfalls(self):
        self.assertFalse(admission_due([]), "nothing asked: the board admits")
        self.assertTrue(admission_due([], fee_due=True, fee_paid=True))
        self.assertFalse(admission_due([], fee_due=True))
        self.assertTrue(admission_due([(REQUIRED, 3)]))
        self.assertFalse(admission_due([(REQUIRED, 3)], fee_due=True))
        self.assertEqual(
            missing_required_shares([(REQUIRED, 1), (OTHER_REQUIRED, 1), (REQUIRED, 0)]),
            [(0, 1, 2), (2, 0, 2)],
        )


class AdmissionCommon(CoopSharesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fee_account = cls.env["account.account"].create(
            {
                "code": "706900",
                "name": "Membership fees",
                "account_type": "income",
                "company_ids": [Command.set(cls.coop.ids)],
            }
        )
        cls.coop.write(
            {
                "coop_membership_fee": 25.0,
                "coop_membership_fee_account_id": cls.fee_account.id,
                "coop_admission_rule": "paid",
                "coop_admission_breach": "refuse",
            }
        )

    def _apply(self, name):
        partner = self.env["res.partner"].create({"name": name, "email": "x@example.com"})
        return self.env["coop.membership"]._coop_apply(partner, self.coop)


@tagged("post_install", "-at_install")
class TestMembershipAdmission(AdmissionCommon):
    def test_member_admitted_by_the_board_keeps_membership_buying_another_class(self):
        """The reproduction of the issue: the board admitted a member holding no required
        share; paying for shares of a non-required class withdrew them."""
        self.coop.coop_admission_breach = "warn"
        member = self._apply("Board Admitted")
        member.with_user(self.manager).action_approve(reason="founding worker, pays later")
        self.assertEqual(member.state, "member")
        self._issue(member, self.investor_class, 1)
        self.assertEqual(self._holding(member, self.investor_class), 1)
        self.assertEqual(member.state, "member", "buying never withdraws")
        # one payment settling an investor and a required purchase in one batch
        requests = self._approve(self._request(member, self.investor_class, 1)) | self._approve(
            self._request(member, self.member_class, 1)
        )
        action = requests.move_id.with_user(self.accountant).action_register_payment()
        payment = Form(
            self.env["account.payment.register"]
            .with_user(self.accountant)
            .with_context(**action["context"])
        )
        payment.group_payment = True
        payment.save().action_create_payments()
        self.assertEqual(set(requests.mapped("state")), {"done"})
        self.assertEqual(member.state, "member")
        self.assertEqual(self._holding(member, self.investor_class), 2)

    def test_fee_invoiced_on_application_and_admission_once_paid(self):
        applicant = self._apply("Once Paid")
        fee = applicant.coop_fee_move_id
        self.assertEqual(
            (fee.move_type, fee.state, fee.amount_total, fee.partner_id),
            ("out_invoice", "posted", 25.0, applicant.partner_id),
        )
        self.assertEqual(fee.invoice_line_ids.account_id, self.fee_account)
        self.assertFalse(fee.journal_id.coop_share_capital, "a fee is income, not capital")
        self._issue(applicant, self.member_class, 1)
        self.assertEqual(applicant.state, "applicant", "the fee is not paid yet")
        self._pay(fee)
        self.assertEqual(applicant.state, "member")
        self.assertTrue(applicant.member_number)
        self.assertEqual(applicant.admission_date, self.coop._coop_today())

    def test_fee_paid_first_then_shares_admit(self):
        applicant = self._apply("Fee First")
        self._pay(applicant.coop_fee_move_id)
        self.assertEqual(applicant.state, "applicant", "the required shares are not held")
        self._issue(applicant, self.member_class, 1)
        self.assertEqual(applicant.state, "member")

    def test_board_decision_against_the_rule_is_refused(self):
        applicant = self._apply("Too Early")
        before = (applicant.state, applicant.member_number, applicant.admission_date)
        with self.assertRaisesRegex(UserError, "holds 0 Member share of the 1 required") as caught:
            applicant.with_user(self.manager).action_approve()
        self.assertIn("membership fee not paid", str(caught.exception))
        self.assertEqual(
            (applicant.state, applicant.member_number, applicant.admission_date), before
        )
        # the reason of a warned decision does not open a refused one
        with self.assertRaisesRegex(UserError, "admission rule does not allow"):
            applicant.with_user(self.manager).action_approve(reason="we know her")
        self.assertEqual(applicant.state, "applicant")

    def test_board_decision_against_the_rule_is_warned(self):
        self.coop.coop_admission_breach = "warn"
        applicant = self._apply("Warned")
        action = applicant.with_user(self.manager).action_approve()
        self.assertEqual(action["res_model"], "coop.membership.decision.wizard")
        self.assertEqual(applicant.state, "applicant", "nothing decided without a reason")
        wizard = Form(
            self.env["coop.membership.decision.wizard"]
            .with_user(self.manager)
            .with_context(**action["context"])
        )
        self.assertIn("holds 0 Member share of the 1 required", wizard.warning)
        wizard.reason = "The assembly admitted her before the shares were paid."
        wizard.save().action_confirm()
        self.assertEqual(applicant.state, "member")
        self.assertEqual(
            applicant.state_reason, "The assembly admitted her before the shares were paid."
        )
        self.assertTrue(
            applicant.message_ids.filtered(lambda m: "although the admission rule" in m.body)
        )

    def test_admission_on_the_board_approval(self):
        self.coop.coop_admission_rule = "approval"
        applicant = self._apply("Board Rule")
        self.assertFalse(applicant.coop_fee_move_id, "the fee is invoiced on approval")
        self._issue(applicant, self.member_class, 1)
        self.assertEqual(applicant.state, "applicant", "shares alone do not admit")
        applicant.with_user(self.manager).action_approve()
        self.assertEqual(applicant.state, "member")
        fee = applicant.coop_fee_move_id
        self.assertEqual(
            (fee.state, fee.amount_total, fee.payment_state), ("posted", 25.0, "not_paid")
        )
        # without the required shares the board is refused
        other = self._apply("No Shares")
        with self.assertRaisesRegex(UserError, "holds 0 Member share of the 1 required"):
            other.with_user(self.manager).action_approve()
        self.assertFalse(other.coop_fee_move_id)

    def test_rejection_reverses_the_fee(self):
        unpaid = self._apply("Unpaid Fee")
        unpaid.with_user(self.manager).action_reject("incomplete")
        self.assertEqual(unpaid.coop_fee_move_id.payment_state, "reversed")
        paid = self._apply("Paid Fee")
        self._pay(paid.coop_fee_move_id)
        paid.with_user(self.manager).action_reject("incomplete")
        refund = paid.coop_fee_move_id.reversal_move_ids
        self.assertEqual((refund.move_type, refund.state), ("out_refund", "posted"))
        self.assertEqual(refund.amount_residual, 25.0, "left open for the refund payment")

    def test_former_member_rejoins_through_shares(self):
        member = self._apply("Comes Back")
        self._pay(member.coop_fee_move_id)
        self._issue(member, self.member_class, 1)
        self.assertEqual(member.state, "member")
        member._coop_withdraw("moved away")
        again = self.env["coop.membership"]._coop_apply(member.partner_id, self.coop)
        self.assertEqual(again.previous_membership_id, member)
        self._pay(again.coop_fee_move_id)
        self._issue(again, self.member_class, 1)
        self.assertEqual((again.state, member.state), ("member", "withdrawn"))
        self.assertNotEqual(again.member_number, member.member_number)


@tagged("post_install", "-at_install")
class TestMembershipAdmissionRpc(AdmissionCommon, JsonRpcCase, HttpCase):
    """The admission rule and the fee link hold for a JSON-RPC client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rpc_manager = new_coop_user(
            cls.env, "admission_manager", "coop_base.group_coop_manager", cls.coop
        )
        cls.rpc_accountant = new_coop_user(
            cls.env,
            "admission_accountant",
            "base.group_user,account.group_account_invoice,coop_base.group_coop_manager",
            cls.coop,
        )

    def test_manager_cannot_admit_against_the_rule_over_rpc(self):
        applicant = self._apply("Rpc Applicant")
        self.assertRpcRefused(
            self.rpc_manager,
            "coop.membership",
            "action_approve",
            applicant.ids,
            message="holds 0 Member share of the 1 required",
        )
        self.assertEqual((applicant.state, applicant.member_number), ("applicant", False))

    def test_nobody_links_a_paid_invoice_as_the_fee(self):
        applicant = self._apply("Rpc Forger")
        self._issue(applicant, self.member_class, 1)
        paid_fee = self._apply("Rpc Payer").coop_fee_move_id
        self._pay(paid_fee)
        for user in (self.rpc_manager, self.rpc_accountant):
            with self.subTest(user=user.login):
                self.assertRpcRefused(
                    user,
                    "coop.membership",
                    "write",
                    applicant.ids,
                    {"coop_fee_move_id": paid_fee.id},
                    message="workflow",
                )
                self.assertEqual(applicant.state, "applicant")
        self.assertNotEqual(applicant.coop_fee_move_id, paid_fee)

    def test_only_managers_set_the_admission_rule(self):
        officer = new_coop_user(
            self.env, "admission_officer", "coop_base.group_coop_officer", self.coop
        )
        self.assertRpcRefused(
            officer,
            "res.company",
            "write",
            self.coop.ids,
            {"coop_admission_rule": "approval", "coop_admission_breach": "warn"},
        )
        self.assertEqual(self.coop.coop_admission_rule, "paid")
        self.rpc(
            self.rpc_manager,
            "res.company",
            "write",
            self.coop.ids,
            {"coop_admission_breach": "warn"},
        )
        self.assertEqual(self.coop.coop_admission_breach, "warn")
