# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import END, START, YEAR, CoopPatronageCommon


@tagged("post_install", "-at_install")
class TestPatronageBadInputs(CoopPatronageCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._invoice(cls.alice, [(cls.tool, 100)])

    def _count(self):
        return (
            self.env["coop.patronage.period"].search_count([]),
            self.env["coop.capital.account.line"].search_count([]),
            self.env["account.move"].search_count([]),
        )

    def test_overlapping_periods_refused(self):
        period = self._period()
        period.action_compute()
        period.action_post()
        before = self._count()
        with self.assertRefused(ValidationError, "overlaps"):
            self._period(
                start=datetime.date(YEAR, 12, 1),
                end=datetime.date(YEAR + 1, 1, 31),
                date=datetime.date(YEAR + 1, 2, 1),
            )
        with self.assertRefused(ValidationError, "overlaps"):
            self._period()
        self.assertEqual(self._count(), before)
        # posting twice does nothing more
        with self.assertRaises(UserError):
            period.action_post()
        self.assertEqual(self._count(), before)

    def test_percentages_out_of_range(self):
        for values in (
            {"cash_percent": 120},
            {"cash_percent": -5},
            {"reserve_percent": 80, "education_percent": 30},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self._period(**values)
        with self.assertRaises(ValidationError):
            self.coop.coop_patronage_cash_percent = 101
        self.assertEqual(self.coop.coop_patronage_cash_percent, 20.0)
        with self.assertRaises(ValidationError):
            self.coop.coop_patronage_education_percent = 80  # with 30 % reserve

    def test_surplus_must_match_the_profit_and_loss_or_say_why(self):
        period = self._period(surplus=5000.0, override_reason=False)
        self.assertAlmostEqual(period.pl_surplus, 100.0)  # the tool sold
        with self.assertRefused(UserError, "give the reason"):
            period.action_compute()
        self.assertEqual(period.state, "draft")
        self.assertFalse(period.allocation_ids)
        period.surplus = 100.0
        period.action_compute()
        self.assertEqual(period.state, "computed")

    def test_no_patronage_refused(self):
        period = self._period(
            start=datetime.date(2022, 1, 1),
            end=datetime.date(2022, 12, 31),
            date=datetime.date(2023, 1, 2),
        )
        with self.assertRefused(UserError, "No eligible member has any patronage"):
            period.action_compute()
        self.assertEqual(period.state, "draft")

    def test_allocation_before_the_period_ends_refused(self):
        with self.assertRefused(ValidationError, "once the period has ended"):
            self._period(date=START)

    def test_computed_period_frozen_until_reset(self):
        period = self._period()
        period.action_compute()
        with self.assertRefused(AccessError, "can only be changed by its workflow"):
            period.surplus = 1.0
        period.action_reset_to_draft()
        period.surplus = 1.0
        self.assertEqual(period.date_to, END)

    def test_ledger_rows_cannot_be_touched(self):
        period = self._period()
        period.action_compute()
        period.action_post()
        line = period.capital_line_ids[0]
        with self.assertRaises(UserError):
            line.write({"amount": 1.0})
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaises(UserError):
            self.env["coop.capital.account.line"].sudo().create(
                {
                    "company_id": self.coop.id,
                    "membership_id": self.alice.id,
                    "partner_id": self.alice.partner_id.id,
                    "date": END,
                    "year": YEAR,
                    "operation": "allocation",
                    "amount": 1000.0,
                }
            )
        with self.assertRaises(UserError):
            period.allocation_ids.unlink()
