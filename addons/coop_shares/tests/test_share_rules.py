# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..share_rules import (
    MAX_QUANTITY,
    ClassRules,
    ShareRuleError,
    add_months,
    check_conversion_value,
    check_holding_limits,
    check_membership_minimum,
    check_positive_quantity,
    check_redemption,
    check_transfer,
    counter_lines,
    falls_under_membership_minimum,
    fiscal_year_bounds,
    fold_holdings,
    lowest_running_holdings,
    reaches_membership_minimum,
    redeemable_quantity,
    redemption_limit_base,
    settlement_lines,
    settlement_register_entry,
)

MEMBER_SHARE = ClassRules(
    nominal_value=Decimal("50"),
    min_quantity=2,
    required_for_membership=True,
    max_quantity=10,
    max_capital_percent=25.0,
    notice_period_days=30,
    lockup_months=12,
    yearly_redemption_percent=10.0,
)


@tagged("post_install", "-at_install")
class TestShareRules(BaseCase):
    def assertRule(self, code, function, *args, **kwargs):
        with self.assertRaises(ShareRuleError) as caught:
            function(*args, **kwargs)
        self.assertEqual(caught.exception.code, code)
        return caught.exception

    def test_quantity_must_be_a_positive_integer(self):
        for bad in (0, -1, 1.5, True, None):
            self.assertRule("quantity_not_positive", check_positive_quantity, bad)
        check_positive_quantity(1)
        check_positive_quantity(MAX_QUANTITY)
        error = self.assertRule("quantity_too_large", check_positive_quantity, 99999999999)
        self.assertEqual(error.params["maximum"], MAX_QUANTITY)

    def test_holding_limits(self):
        check_holding_limits(MEMBER_SHARE, 10, 10, 500, 2000)
        error = self.assertRule(
            "over_max_quantity", check_holding_limits, MEMBER_SHARE, 11, 11, 550, 100000
        )
        self.assertEqual(error.params["maximum"], 10)
        check_holding_limits(ClassRules(nominal_value=Decimal(1)), 10**6, 10**6, 10**6, 10**6)
        error = self.assertRule(
            "over_max_capital_percent", check_holding_limits, MEMBER_SHARE, 6, 6, 300, 1000
        )
        self.assertEqual(error.params["percent"], 30.0)
        check_holding_limits(MEMBER_SHARE, 5, 5, 250, 1000)

    def test_coop_maximum_applies_across_classes(self):
        free = ClassRules(nominal_value=Decimal(1))
        # 7 + 3 + 1 = 11 shares of three classes, over a co-op maximum of 10
        error = self.assertRule(
            "over_coop_max_quantity", check_holding_limits, free, 1, 11, 11, 10**6, company_max=10
        )
        self.assertEqual((error.params["holding"], error.params["maximum"]), (11, 10))
        check_holding_limits(free, 1, 10, 10, 10**6, company_max=10)
        # the class maximum still applies to the class alone
        self.assertRule(
            "over_max_quantity", check_holding_limits, MEMBER_SHARE, 11, 11, 0, 0, company_max=20
        )
        check_holding_limits(MEMBER_SHARE, 10, 20, 500, 10**6, company_max=20)

    def test_redemption_limit_base(self):
        year_start = date(2024, 1, 1)
        history = [(date(2023, 3, 1), 1000), (date(2023, 9, 1), -200), (date(2024, 2, 1), 500)]
        # capital at the start of the year
        self.assertEqual(redemption_limit_base(year_start, history), Decimal(800))
        # the first year: the capital at the end of the day of the first issue
        first_year = [(date(2024, 3, 1), 300), (date(2024, 3, 1), 200), (date(2024, 5, 1), 5000)]
        self.assertEqual(redemption_limit_base(year_start, first_year), Decimal(500))
        self.assertEqual(redemption_limit_base(year_start, []), Decimal(0))
        # a class emptied before the year and issued again in it starts over
        emptied = [(date(2022, 1, 1), 100), (date(2022, 6, 1), -100), (date(2024, 4, 1), 400)]
        self.assertEqual(redemption_limit_base(year_start, emptied), Decimal(400))

    def test_membership_minimum(self):
        check_membership_minimum(MEMBER_SHARE, 2)
        check_membership_minimum(MEMBER_SHARE, 0)  # leaving with every share
        self.assertRule("under_membership_minimum", check_membership_minimum, MEMBER_SHARE, 1)
        check_membership_minimum(MEMBER_SHARE, 1, withdrawing=True)
        self.assertTrue(reaches_membership_minimum(MEMBER_SHARE, 2))
        self.assertFalse(reaches_membership_minimum(MEMBER_SHARE, 1))
        self.assertTrue(falls_under_membership_minimum(MEMBER_SHARE, 1))
        optional = ClassRules(nominal_value=Decimal(100))
        self.assertFalse(reaches_membership_minimum(optional, 5))
        self.assertFalse(falls_under_membership_minimum(optional, 0))

    def test_transfer_rules(self):
        check_transfer(MEMBER_SHARE, 1, 2)
        self.assertRule("transfer_to_self", check_transfer, MEMBER_SHARE, 1, 1)
        locked = ClassRules(nominal_value=Decimal(1), transferable=False)
        self.assertRule("not_transferable", check_transfer, locked, 1, 2)

    def test_conversion_keeps_value(self):
        investor = ClassRules(nominal_value=Decimal("100"))
        check_conversion_value(MEMBER_SHARE, 4, investor, 2)
        self.assertRule(
            "conversion_value_mismatch", check_conversion_value, MEMBER_SHARE, 3, investor, 2
        )

    def test_dates(self):
        self.assertEqual(add_months(date(2024, 1, 31), 1), date(2024, 2, 29))
        self.assertEqual(add_months(date(2024, 3, 15), -12), date(2023, 3, 15))
        self.assertEqual(
            fiscal_year_bounds(date(2024, 5, 1), 12, 31), (date(2024, 1, 1), date(2024, 12, 31))
        )
        self.assertEqual(
            fiscal_year_bounds(date(2024, 7, 1), 6, 30), (date(2024, 7, 1), date(2025, 6, 30))
        )
        self.assertEqual(
            fiscal_year_bounds(date(2024, 6, 30), 6, 30), (date(2023, 7, 1), date(2024, 6, 30))
        )
        self.assertEqual(
            fiscal_year_bounds(date(2024, 3, 1), 2, 28), (date(2024, 2, 29), date(2025, 2, 28))
        )

    def test_redeemable_quantity_respects_lockup(self):
        acquisitions = [(date(2023, 1, 1), 4), (date(2024, 5, 1), 3)]
        self.assertEqual(redeemable_quantity(7, acquisitions, 12, date(2024, 6, 1)), 4)
        self.assertEqual(redeemable_quantity(7, acquisitions, 12, date(2025, 5, 2)), 7)
        self.assertEqual(redeemable_quantity(7, acquisitions, 0, date(2024, 6, 1)), 7)
        self.assertEqual(redeemable_quantity(2, acquisitions, 12, date(2024, 6, 1)), 0)

    def test_redemption(self):
        ok = {
            "rules": MEMBER_SHARE,
            "quantity": 2,
            "holding": 6,
            "acquisitions": [(date(2022, 1, 1), 6)],
            "request_date": date(2024, 1, 1),
            "on_date": date(2024, 2, 1),
            "redeemed_this_year": Decimal(0),
            "limit_base": Decimal(1000),
        }
        check_redemption(**ok)
        self.assertRule("quantity_not_positive", check_redemption, **(ok | {"quantity": 0}))
        self.assertRule("over_holding", check_redemption, **(ok | {"quantity": 7}))
        error = self.assertRule(
            "inside_notice", check_redemption, **(ok | {"on_date": date(2024, 1, 30)})
        )
        self.assertEqual(error.params["notice_end"], date(2024, 1, 31))
        self.assertRule(
            "inside_lockup", check_redemption, **(ok | {"acquisitions": [(date(2023, 6, 1), 6)]})
        )
        # 10% of 1000 = 100: two shares of 50 fit, one more does not
        self.assertRule(
            "over_yearly_limit", check_redemption, **(ok | {"redeemed_this_year": Decimal(50)})
        )
        self.assertRule(
            "not_redeemable",
            check_redemption,
            **(ok | {"rules": ClassRules(nominal_value=Decimal(1), redeemable=False)}),
        )

    def test_fold_and_running_holdings(self):
        rows = [
            ("a", date(2024, 1, 1), 5),
            ("a", date(2024, 3, 1), -2),
            ("b", date(2024, 2, 1), 1),
        ]
        self.assertEqual(fold_holdings(rows), {"a": 3, "b": 1})
        self.assertEqual(fold_holdings(rows, date(2024, 2, 15)), {"a": 5, "b": 1})
        self.assertEqual(fold_holdings(rows, date(2023, 12, 31)), {})
        # taking 4 on 2024-02-01 leaves 1, then the existing -2 on March makes it -1
        self.assertEqual(lowest_running_holdings(rows, [("a", date(2024, 2, 1), -4)]), {"a": -1})
        self.assertEqual(lowest_running_holdings(rows, [("a", date(2024, 4, 1), -3)]), {"a": 0})
        # same-day entries net out before the day's holding is checked
        self.assertEqual(
            lowest_running_holdings([], [("c", date(2024, 1, 1), -1), ("c", date(2024, 1, 1), 1)]),
            {"c": 0},
        )

    def test_settlement_pairs(self):
        self.assertEqual(
            settlement_lines("subscription", "pending", "equity", 150.0),
            [("pending", 150.0, 0.0), ("equity", 0.0, 150.0)],
        )
        self.assertEqual(
            settlement_lines("redemption", "pending", "equity", 50.0),
            [("equity", 50.0, 0.0), ("pending", 0.0, 50.0)],
        )
        self.assertEqual(settlement_register_entry("subscription", 3), (3, "issue"))
        self.assertEqual(settlement_register_entry("redemption", 3), (-3, "redemption"))
        for request_type in ("transfer", "conversion"):
            with self.assertRaises(ValueError):
                settlement_lines(request_type, "pending", "equity", 1.0)
            with self.assertRaises(ValueError):
                settlement_register_entry(request_type, 1)
        lines = [("pending", "p", 150.0, 0.0), ("equity", "p", 0.0, 150.0)]
        self.assertEqual(
            counter_lines(lines), [("pending", "p", 0.0, 150.0), ("equity", "p", 150.0, 0.0)]
        )
