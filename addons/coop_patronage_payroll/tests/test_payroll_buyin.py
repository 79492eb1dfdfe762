# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import CoopPayrollCommon


@tagged("post_install", "-at_install", "coop_patronage_payroll")
class TestPayrollBuyin(CoopPayrollCommon):
    """A worker pays the member share by payroll deduction: each payslip's
    entry pays part of the capital invoice; the last one issues the shares."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]
        cls.receivable = cls.alice.partner_id.with_company(cls.coop).property_account_receivable_id
        wages = Account.create({"name": "Wages", "code": "619990", "account_type": "expense"})
        net_payable = Account.create(
            {"name": "Net wages due", "code": "239990", "account_type": "liability_current"}
        )
        journal = cls.env["account.journal"].create(
            {"name": "Payroll", "code": "PAY", "type": "general", "default_account_id": wages.id}
        )
        Category = cls.env["hr.salary.rule.category"]
        deduction = Category.create({"name": "Deduction", "code": "DED"})
        net = Category.create({"name": "Net", "code": "NET"})
        Rule = cls.env["hr.salary.rule"]
        cls.structure.rule_ids.filtered(lambda r: r.code == "BASIC").account_debit = wages
        cls.buyin_rule = Rule.create(
            {
                "name": "Capital buy-in",
                "code": "COOPBUYIN",
                "sequence": 150,
                "category_id": deduction.id,
                "condition_select": "python",
                "condition_python": "result = contract.coop_buyin_due > 0",
                "amount_select": "code",
                "amount_python_compute": "result = -contract.coop_buyin_due",
                "account_debit": cls.receivable.id,
            }
        )
        cls.structure.rule_ids = [
            Command.link(cls.buyin_rule.id),
            Command.create(
                {
                    "name": "Net",
                    "code": "NET",
                    "sequence": 200,
                    "category_id": net.id,
                    "condition_select": "none",
                    "amount_select": "code",
                    "amount_python_compute": "result = categories.BASIC + categories.DED",
                    "account_credit": net_payable.id,
                }
            ),
        ]
        for contract in cls.contracts.values():
            contract.journal_id = journal
        # Alice subscribes a second share (50.00), invoiced, unpaid
        cls.request = cls._approve_class(cls.alice)

    @classmethod
    def _approve_class(cls, membership):
        request = cls.env["coop.share.request"].create(
            {
                "request_type": "subscription",
                "membership_id": membership.id,
                "company_id": cls.coop.id,
                "class_id": cls.member_class.id,
                "quantity": 1,
            }
        )
        request.with_user(cls.officer).action_submit()
        request.with_user(cls.manager).action_approve()
        return request

    def test_instalments_pay_the_invoice_and_the_last_issues_the_shares(self):
        contract = self.contracts[self.alice.partner_id.id]
        contract.write({"coop_buyin_request_id": self.request.id, "coop_buyin_instalment": 20.0})
        held = self._holding(self.alice, self.member_class)
        self.assertEqual(self.request.state, "invoiced")
        for month, residual in ((1, 30.0), (2, 10.0)):
            slip = self._payslip(self.alice.partner_id, month)
            self.assertAlmostEqual(
                slip.line_ids.filtered(lambda line: line.code == "COOPBUYIN").total, -20.0
            )
            self.assertAlmostEqual(self.request.move_id.amount_residual, residual)
            self.assertEqual(self.request.state, "invoiced")
        # the last instalment deducts only what is left, and settles the subscription
        self.assertAlmostEqual(contract.coop_buyin_due, 10.0)
        slip = self._payslip(self.alice.partner_id, 3)
        self.assertAlmostEqual(
            slip.line_ids.filtered(lambda line: line.code == "COOPBUYIN").total, -10.0
        )
        self.assertEqual(self.request.move_id.payment_state, "paid")
        self.assertIn(self.request.state, ("paid", "done"))
        self.assertEqual(self._holding(self.alice, self.member_class), held + 1)
        # nothing more is deducted
        self.assertFalse(contract.coop_buyin_due)
        slip = self._payslip(self.alice.partner_id, 4)
        self.assertFalse(slip.line_ids.filtered(lambda line: line.code == "COOPBUYIN"))
        self.assertRegisterMatchesLedger([self.member_class])

    def test_another_workers_subscription_is_refused(self):
        contract = self.contracts[self.bob.partner_id.id]
        with self.assertRefused(ValidationError, "Alice Patron's subscription"):
            contract.write(
                {"coop_buyin_request_id": self.request.id, "coop_buyin_instalment": 20.0}
            )
        self.assertFalse(contract.coop_buyin_request_id)

    def test_instalment_must_be_positive(self):
        contract = self.contracts[self.alice.partner_id.id]
        for amount in (0.0, -5.0):
            with self.assertRefused(ValidationError, "positive amount"):
                contract.write(
                    {"coop_buyin_request_id": self.request.id, "coop_buyin_instalment": amount}
                )
        self.assertFalse(contract.coop_buyin_request_id)

    def test_rule_without_the_receivable_account_is_refused(self):
        self.buyin_rule.account_debit = self.structure.rule_ids.filtered(
            lambda r: r.code == "BASIC"
        ).account_debit
        contract = self.contracts[self.alice.partner_id.id]
        contract.write({"coop_buyin_request_id": self.request.id, "coop_buyin_instalment": 20.0})
        with self.assertRefused(UserError, "give the salary rule COOPBUYIN"):
            self._payslip(self.alice.partner_id, 1)
        self.assertFalse(self.env["hr.payslip"].search([("state", "=", "done")]))
        self.assertAlmostEqual(self.request.move_id.amount_residual, 50.0)


@tagged("post_install", "-at_install", "coop_patronage_payroll")
class TestPayrollBuyinDemo(TransactionCase):
    def test_baker_pays_her_buyin_by_payroll(self):
        if not self.env.ref("coop_patronage_payroll.demo_worker_coop", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        contract = self.env.ref("coop_patronage_payroll.demo_contract_baker_3")
        request = contract.coop_buyin_request_id
        self.assertEqual(request.partner_id.name, "Grace Whitfield")
        self.assertEqual(
            request.class_id, self.env.ref("coop_patronage_payroll.demo_share_class_worker_owner")
        )
        # subscribed through the workflow: approved by someone else than who filed it
        self.assertEqual(request.state, "invoiced")
        self.assertTrue(request.approved_by_id)
        self.assertNotEqual(request.approved_by_id, request.requested_by_id)
        invoice = request.move_id
        self.assertEqual(invoice.state, "posted")
        self.assertAlmostEqual(invoice.amount_total, request.amount)
        # her done payslips deducted the buy-in, and their entries paid the invoice
        slips = self.env["hr.payslip"].search(
            [("contract_id", "=", contract.id), ("state", "=", "done")]
        )
        deductions = slips.line_ids.filtered(lambda line: line.code == "COOPBUYIN")
        self.assertEqual(deductions.slip_id, slips)
        deducted = -sum(deductions.mapped("total"))
        self.assertGreater(deducted, 0)
        partials = invoice.line_ids.matched_credit_ids
        self.assertEqual(partials.credit_move_id.move_id, slips.move_id)
        self.assertAlmostEqual(sum(partials.mapped("amount")), deducted)
        self.assertEqual(invoice.payment_state, "partial")
        self.assertAlmostEqual(invoice.amount_residual, invoice.amount_total - deducted)
        self.assertGreater(invoice.amount_residual, 0)
        # the next payslip deducts what is left, less than an instalment
        self.assertLess(invoice.amount_residual, contract.coop_buyin_instalment)
        self.assertAlmostEqual(contract.coop_buyin_due, invoice.amount_residual)
        # a deduction is no expense: the payslips' P&L is their wages, each entry
        # balanced by the net pay without an adjustment line
        pl_lines = slips.move_id.line_ids.filtered(
            lambda line: line.account_id.internal_group in ("income", "expense")
        )
        wages = slips.line_ids.filtered(lambda line: line.code == "BASIC")
        self.assertAlmostEqual(sum(pl_lines.mapped("balance")), sum(wages.mapped("total")))
        self.assertEqual(
            set(slips.move_id.line_ids.mapped("name")),
            {
                self.env.ref(f"coop_patronage_payroll.demo_rule_{rule}").name
                for rule in ("basic", "buyin", "net")
            },
        )
