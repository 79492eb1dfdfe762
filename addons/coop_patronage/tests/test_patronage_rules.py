# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from .. import patronage_rules as rules

percent = st.decimals(min_value=0, max_value=100, places=2)
patronage = st.dictionaries(
    st.integers(min_value=1, max_value=10_000),
    st.decimals(min_value=0, max_value=1_000_000, places=2),
    min_size=1,
    max_size=40,
)


@tagged("post_install", "-at_install")
class TestPatronageRules(BaseCase):
    def test_largest_remainder_worked_example(self):
        # 1.00 among three equal members: 34 + 33 + 33, the first by key order
        self.assertEqual(rules.largest_remainder(100, {1: 1, 2: 1, 3: 1}), {1: 34, 2: 33, 3: 33})
        # 10.00 by 1/6, 2/6, 3/6: quotas 166.67, 333.33, 500 → 167, 333, 500
        self.assertEqual(
            rules.largest_remainder(1000, {"a": 1, "b": 2, "c": 3}), {"a": 167, "b": 333, "c": 500}
        )
        self.assertEqual(rules.largest_remainder(-100, {1: 1, 2: 2}), {1: -33, 2: -67})

    def test_no_patronage_is_refused(self):
        with self.assertRaises(rules.PatronageRuleError) as caught:
            rules.largest_remainder(100, {1: 0, 2: 0})
        self.assertEqual(caught.exception.code, "no_patronage")
        with self.assertRaises(rules.PatronageRuleError):
            rules.allocate(100_00, {1: 0}, 10, 0, 20)

    def test_allocation_example(self):
        result = rules.allocate(1_000_00, {1: 10, 2: 20, 3: 0}, 10, 5, 30)
        self.assertEqual((result.reserve, result.education, result.pool), (100_00, 50_00, 850_00))
        self.assertEqual(result.members, {1: (283_33, 85_00, 198_33), 2: (566_67, 170_00, 396_67)})
        self.assertEqual(result.accounted(), result.surplus)

    def test_losses_follow_the_bylaw_option(self):
        reserve = rules.allocate(-500, {1: 1}, loss_option=rules.LOSS_RESERVE)
        self.assertEqual((reserve.reserve, reserve.members, reserve.carried_loss), (-500, {}, 0))
        carried = rules.allocate(-500, {1: 1}, loss_option=rules.LOSS_CARRY_FORWARD)
        self.assertEqual((carried.reserve, carried.members, carried.carried_loss), (0, {}, -500))
        individual = rules.allocate(-500, {1: 1, 2: 3}, loss_option=rules.LOSS_INDIVIDUAL)
        self.assertEqual(individual.members, {1: (-125, 0, -125), 2: (-375, 0, -375)})
        # the next surplus first absorbs the loss carried forward
        absorbed = rules.allocate(300, {1: 1}, 10, 0, 50, carried_loss=-500)
        self.assertEqual((absorbed.pool, absorbed.carried_loss), (0, -200))
        after = rules.allocate(800, {1: 1}, 10, 0, 50, carried_loss=-500)
        self.assertEqual((after.reserve, after.pool, after.carried_loss), (30, 270, 0))
        for result in (reserve, carried, individual, absorbed, after):
            self.assertEqual(result.accounted(), result.surplus)

    def test_box5_counts_the_nonqualified_part_of_the_years_redemptions(self):
        credits = [(2021, 50_00, True), (2020, 100_00, False), (2022, 80_00, False)]
        debits = [
            (datetime.date(2022, 12, 31), 10_00, False),  # a loss, oldest year first
            (datetime.date(2023, 3, 1), 120_00, True),  # 90 of 2020, 30 of 2021
            (datetime.date(2024, 3, 1), 60_00, True),  # 20 of 2021, 40 of 2022
        ]
        self.assertEqual(rules.nonqualified_redeemed(credits, debits, 2023), 90_00)
        self.assertEqual(rules.nonqualified_redeemed(credits, debits, 2024), 40_00)
        self.assertEqual(rules.nonqualified_redeemed(credits, debits, 2022), 0)
        self.assertEqual(rules.nonqualified_redeemed([(2020, 100_00, True)], debits, 2023), 0)

    def test_bad_parameters(self):
        for args, code in (
            ((101, 0, 20), "percent_range"),
            ((0, 0, -1), "percent_range"),
            ((0, 0, 100.5), "percent_range"),
            ((70, 31, 20), "reserves_over_100"),
        ):
            with self.assertRaises(rules.PatronageRuleError) as caught:
                rules.check_percentages(*args)
            self.assertEqual(caught.exception.code, code)
        with self.assertRaises(rules.PatronageRuleError):
            rules.allocate(100, {1: 1}, loss_option="forget")

    def test_dates(self):
        self.assertEqual(
            rules.payment_deadline(datetime.date(2025, 12, 31)), datetime.date(2026, 9, 15)
        )
        self.assertEqual(
            rules.payment_deadline(datetime.date(2026, 3, 31)), datetime.date(2026, 12, 15)
        )
        self.assertEqual(
            rules.payment_deadline(datetime.date(2026, 6, 30)), datetime.date(2027, 3, 15)
        )
        self.assertEqual(rules.fiscal_year_end(2024, 2, 30), datetime.date(2024, 2, 29))
        self.assertEqual(rules.fiscal_year_end(2025, 2, 30), datetime.date(2025, 2, 28))
        year = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
        self.assertEqual(
            rules.membership_share(*year, datetime.date(2025, 7, 1)), Fraction(184, 365)
        )
        self.assertEqual(rules.membership_share(*year, datetime.date(2020, 1, 1)), 1)
        self.assertEqual(
            rules.membership_share(*year, datetime.date(2020, 1, 1), datetime.date(2025, 1, 11)),
            Fraction(10, 365),
        )
        self.assertEqual(rules.membership_share(*year, datetime.date(2026, 1, 1)), 0)

    def test_qualified(self):
        self.assertTrue(rules.is_qualified(20, True))
        self.assertFalse(rules.is_qualified(19.99, True))
        self.assertFalse(rules.is_qualified(100, False))

    @settings(max_examples=300, deadline=None)
    @given(st.integers(min_value=-(10**9), max_value=10**9), patronage)
    def test_largest_remainder_sums_exactly(self, total, weights):
        if not any(weights.values()):
            weights = {**weights, 0: 1}
        parts = rules.largest_remainder(total, weights)
        self.assertEqual(sum(parts.values()), total)
        whole = sum(Fraction(w) for w in weights.values())
        for key, part in parts.items():
            # never more than a cent from the exact quota
            self.assertLess(abs(part - total * Fraction(weights[key]) / whole), 1)

    @settings(max_examples=300, deadline=None)
    @given(
        st.integers(min_value=-(10**8), max_value=10**9),
        patronage,
        percent,
        percent,
        percent,
        st.sampled_from(rules.LOSS_OPTIONS),
        st.integers(min_value=-(10**8), max_value=0),
    )
    def test_allocation_accounts_for_every_cent(
        self, surplus, weights, reserve, education, cash, loss_option, carried
    ):
        if reserve + education > 100:
            reserve, education = 100 - education, education
        weights = {**weights, 0: 1}
        result = rules.allocate(surplus, weights, reserve, education, cash, loss_option, carried)
        self.assertEqual(result.accounted(), surplus)
        self.assertEqual(
            sum(allocated for allocated, _c, _r in result.members.values()), result.pool
        )
        for allocated, cash_part, retained in result.members.values():
            self.assertEqual(cash_part + retained, allocated)
        self.assertLessEqual(result.carried_loss, 0)
