# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import CoopPayrollCommon


@tagged("post_install", "-at_install", "coop_patronage_payroll")
class TestPayrollPatronage(CoopPayrollCommon):
    """A worker co-op counts its members' hours or wages from done payslips."""

    def _allocations(self, period):
        return {a.partner_id: a for a in period.allocation_ids}

    def test_hours_of_done_payslips_in_the_period(self):
        alice_slips = self._payslip(self.alice.partner_id, 2) | self._payslip(
            self.alice.partner_id, 3
        )
        bob_slip = self._payslip(self.bob.partner_id, 2)
        # not counted: a payslip not done, one paying next year
        self._payslip(self.bob.partner_id, 3, done=False)
        self._payslip(self.bob.partner_id, 13)
        period = self._period(surplus=10000.0)
        measures = period._coop_measures(
            [self.alice.partner_id.id, self.bob.partner_id.id, self.carol.partner_id.id]
        )
        self.assertGreater(self._hours(bob_slip), 0)
        self.assertEqual(
            measures,
            {
                self.alice.partner_id.id: Decimal(str(self._hours(alice_slips))),
                self.bob.partner_id.id: Decimal(str(self._hours(bob_slip))),
            },
        )
        period.action_compute()
        allocations = self._allocations(period)
        alice, bob = allocations[self.alice.partner_id], allocations[self.bob.partner_id]
        self.assertAlmostEqual(alice.measure, self._hours(alice_slips))
        # the pool (65 % of the surplus) shared by hours, to the cent
        self.assertAlmostEqual(alice.allocated_amount + bob.allocated_amount, 6500.0, places=2)
        self.assertAlmostEqual(
            alice.allocated_amount / bob.allocated_amount,
            self._hours(alice_slips) / self._hours(bob_slip),
            places=3,
        )
        # a member without payslips earns nothing
        carol = allocations.get(self.carol.partner_id)
        self.assertFalse(carol and carol.allocated_amount)

    def test_refund_payslip_takes_back_its_hours(self):
        kept = self._payslip(self.alice.partner_id, 4)
        refunded = self._payslip(self.alice.partner_id, 5)
        refunded.refund_sheet()
        period = self._period()
        self.assertEqual(
            period._coop_measures([self.alice.partner_id.id]),
            {self.alice.partner_id.id: Decimal(str(self._hours(kept)))},
        )

    def test_wages_by_the_configured_rule(self):
        self.coop.coop_patronage_basis = "wages"
        self._payslip(self.alice.partner_id, 6)
        self._payslip(self.alice.partner_id, 7)
        self._payslip(self.bob.partner_id, 6)
        period = self._period()
        partners = [self.alice.partner_id.id, self.bob.partner_id.id]
        self.assertEqual(
            period._coop_measures(partners),
            {
                self.alice.partner_id.id: Decimal("6200.00"),
                self.bob.partner_id.id: Decimal("2100.00"),
            },
        )
        self.coop.coop_patronage_wage_code = "BASIC"
        self.assertEqual(
            period._coop_measures(partners),
            {
                self.alice.partner_id.id: Decimal("6000.00"),
                self.bob.partner_id.id: Decimal("2000.00"),
            },
        )

    def test_missing_rule_code_is_refused_and_changes_nothing(self):
        self.coop.coop_patronage_basis = "wages"
        self._payslip(self.alice.partner_id, 6)
        period = self._period()
        self.coop.coop_patronage_wage_code = " "
        with self.assertRefused(UserError, "set the Wage Rule Code"):
            period.action_compute()
        self.assertEqual(period.state, "draft")
        self.assertFalse(period.allocation_ids)

    def test_payslips_of_non_members_earn_nothing_and_the_period_says_so(self):
        self._payslip(self.alice.partner_id, 8)
        self._payslip(self.nina, 8)
        self._payslip(self.dan.partner_id, 8)  # an applicant, not yet a member
        period = self._period()
        period.action_compute()
        self.assertEqual(set(self._allocations(period)), {self.alice.partner_id})
        note = period.message_ids.filtered(lambda m: "not counted" in (m.body or ""))
        self.assertIn("Dan Applicant, Nina Employee", note.body)

    def test_no_payslip_in_the_period_is_a_clear_refusal(self):
        self._payslip(self.alice.partner_id, 13)
        period = self._period()
        with self.assertRefused(UserError, "No eligible member has any patronage"):
            period.action_compute()
        self.assertEqual(period.state, "draft")

    def test_measure_is_one_query_whatever_the_workforce(self):
        for partner in (self.alice.partner_id, self.bob.partner_id, self.nina):
            self._payslip(partner, 9)
        period = self._period()
        partners = [self.alice.partner_id.id, self.bob.partner_id.id]
        self.env.flush_all()
        with self.assertQueryCount(1):
            period._coop_measure_hours(partners)
        with self.assertQueryCount(1):
            period._coop_measure_wages(partners)

    def test_employee_shows_the_membership_of_its_work_contact(self):
        employee = self.contracts[self.alice.partner_id.id].employee_id
        self.assertEqual(employee.with_user(self.officer).coop_membership_id, self.alice)
        nina = self.contracts[self.nina.id].employee_id
        self.assertFalse(nina.with_user(self.officer).coop_membership_id)


@tagged("post_install", "-at_install", "coop_patronage_payroll")
class TestPayrollDemo(TransactionCase):
    def test_worker_coop_closed_its_year(self):
        coop = self.env.ref("coop_patronage_payroll.demo_worker_coop", raise_if_not_found=False)
        if not coop:
            self.skipTest("installed without demo data")
        period = self.env["coop.patronage.period"].sudo().search([("company_id", "=", coop.id)])
        self.assertEqual(period.state, "posted")
        self.assertEqual(period.basis, "hours")
        self.assertAlmostEqual(period.surplus, period.pl_surplus)
        bakers = {self.env.ref(f"coop_patronage_payroll.demo_partner_baker_{n}") for n in (1, 2, 3)}
        self.assertEqual(set(period.allocation_ids.partner_id), bakers)
        # Grace worked from April: fewer hours, less patronage
        by_partner = {a.partner_id.name: a for a in period.allocation_ids}
        self.assertLess(
            by_partner["Grace Whitfield"].allocated_amount,
            by_partner["Ana Ferreira"].allocated_amount,
        )
        self.assertTrue(all(period._coop_cash_lines().mapped("reconciled")))
