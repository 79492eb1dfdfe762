# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from contextlib import contextmanager
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import format_amount

from .common import CoopSharesCommon


@tagged("post_install", "-at_install")
class TestShareBadInputs(CoopSharesCommon):
    """Every bad input of the issue: a clear error and nothing changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice = cls._membership("Alice Member")
        cls.bob = cls._membership("Bob Member")

    def _snapshot(self):
        self.env.flush_all()
        return (
            self.env["coop.share.line"].search_count([]),
            self.env["account.move"].search_count([]),
            sorted(self.env["coop.share.request"].search([]).mapped(lambda r: (r.id, r.state))),
            sorted(self.env["coop.membership"].search([]).mapped(lambda m: (m.id, m.state))),
        )

    @contextmanager
    def assertRefused(self, message, exception=UserError):
        """Odoo's assertRaises rolls back to a savepoint, as a failed request rolls back its
        transaction."""
        before = self._snapshot()
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), message)
        self.env.invalidate_all()
        self.assertEqual(self._snapshot(), before, "a refused input changes nothing")

    def _issue_long_ago(self, membership, share_class, quantity):
        with freeze_time(self.today() - relativedelta(years=2)):
            return self._issue(membership, share_class, quantity)

    def _redemption(self, membership, share_class, quantity, days_ago=40):
        with freeze_time(self.today() - relativedelta(days=days_ago)):
            return self._request(membership, share_class, quantity, request_type="redemption")

    def test_zero_or_negative_quantity(self):
        for quantity in (0, -2):
            with self.assertRefused("positive"):
                self._request(self.alice, self.member_class, quantity)

    def test_over_the_per_member_maximum(self):
        self._issue(self.alice, self.member_class, 8)
        request = self._request(self.alice, self.member_class, 3)
        with self.assertRefused("over the maximum of 10"):
            self._approve(request)

    def test_over_the_coop_wide_maximum(self):
        self.coop.coop_max_shares_per_member = 5
        request = self._request(self.alice, self.member_class, 6)
        with self.assertRefused("over the co-op's maximum of 5"):
            self._approve(request)

    def test_coop_maximum_counts_every_class(self):
        """The bylaw's maximum per member is over all classes: 7 + 3 + 1 = 11 > 10."""
        self.coop.coop_max_shares_per_member = 10
        supporter_class = self.env["coop.share.class"].create(
            {
                "name": "Supporter share",
                "code": "SS",
                "company_id": self.coop.id,
                "nominal_value": 10.0,
                "equity_account_id": self._equity_account("301300", "Supporter capital").id,
            }
        )
        self._issue(self.alice, self.member_class, 7)
        self._approve(self._request(self.alice, self.investor_class, 3))  # pending counts too
        request = self._request(self.alice, supporter_class, 1)
        with self.assertRefused("11 shares of all classes, over the co-op's maximum of 10"):
            self._approve(request)
        # a conversion gives shares up as it receives others: 7 + 3 - 1 + 5 = 14 does not fit
        conversion = self._request(
            self.alice,
            self.member_class,
            1,
            request_type="conversion",
            target_class_id=supporter_class,
            target_quantity=5,
        )
        with self.assertRefused("over the co-op's maximum of 10"):
            self._approve(conversion)

    def test_pending_subscriptions_count_towards_the_maximum(self):
        self._approve(self._request(self.alice, self.member_class, 6))  # invoiced, not paid yet
        request = self._request(self.alice, self.member_class, 5)
        with self.assertRefused("over the maximum of 10"):
            self._approve(request)

    def test_over_the_capital_percentage(self):
        self._issue(self.bob, self.investor_class, 1)  # 500 of capital
        self.investor_class.max_capital_percent = 50
        self._issue(self.alice, self.member_class, 1)  # 50
        request = self._request(self.alice, self.investor_class, 1)  # alice: 550 of 1050 = 52%
        with self.assertRefused("52.38% of the co-op's capital, over the maximum of 50"):
            self._approve(request)

    def test_falling_under_the_minimum_without_leaving(self):
        self.member_class.write({"min_quantity": 2, "yearly_redemption_limit_percent": 0})
        self._issue_long_ago(self.alice, self.member_class, 3)
        self._issue_long_ago(self.bob, self.member_class, 10)
        request = self._redemption(self.alice, self.member_class, 2)
        with self.assertRefused("under the minimum of 2"):
            self._approve(request)
        transfer = self._request(
            self.alice,
            self.member_class,
            2,
            request_type="transfer",
            target_partner_id=self.bob.partner_id,
        )
        with self.assertRefused("under the minimum of 2"):
            self._approve(transfer)

    def test_transfer_to_oneself(self):
        self._issue(self.alice, self.member_class, 2)
        with self.assertRefused("themselves"):
            self._request(
                self.alice,
                self.member_class,
                1,
                request_type="transfer",
                target_partner_id=self.alice.partner_id,
            )

    def test_transfer_of_a_non_transferable_class(self):
        self.investor_class.transferable = False
        self._issue(self.alice, self.investor_class, 2)
        with self.assertRefused("cannot be transferred"):
            self._request(
                self.alice,
                self.investor_class,
                1,
                request_type="transfer",
                target_partner_id=self.bob.partner_id,
            )

    def test_redemption_inside_lockup(self):
        self._issue(self.bob, self.member_class, 10)
        with freeze_time(self.today() - relativedelta(months=3)):
            self._issue(self.alice, self.member_class, 3)
        request = self._redemption(self.alice, self.member_class, 3)
        with self.assertRefused("lock-up"):
            self._approve(request)

    def test_redemption_inside_notice(self):
        self._issue_long_ago(self.alice, self.member_class, 3)
        self._issue_long_ago(self.bob, self.member_class, 10)
        request = self._redemption(self.alice, self.member_class, 3, days_ago=10)
        with self.assertRefused("notice period runs until"):
            self._approve(request)

    def test_notice_period_runs_on_the_coop_calendar(self):
        """Filed at 01:00 on 1 February in Auckland (still 31 January in UTC), 30 days of
        notice end on 3 March there, whatever the server's date."""
        self.coop.coop_tz = "Pacific/Auckland"
        self.member_class.lockup_months = 0
        self._issue_long_ago(self.alice, self.member_class, 3)
        self._issue_long_ago(self.bob, self.member_class, 10)
        year = self.today().year - 1
        with freeze_time(datetime(year, 1, 31, 12, 0)):
            request = self._request(self.alice, self.member_class, 1, request_type="redemption")
        self.assertEqual(request.request_date, date(year, 2, 1))
        notice_end = date(year, 2, 1) + relativedelta(days=30)
        with freeze_time(datetime.combine(notice_end, time(12, 0)) - relativedelta(days=2)):
            with self.assertRefused("notice period runs until"):
                self._approve(request)
        # 12:00 UTC the day before is already the last day of the notice in Auckland
        with freeze_time(datetime.combine(notice_end, time(12, 0)) - relativedelta(days=1)):
            self._approve(request)
        self.assertEqual(request.state, "invoiced")
        self.assertEqual(request.approval_date, notice_end)

    def test_redemption_over_the_yearly_limit(self):
        # 13 shares of 50 at the start of the year: 10% allows 65, one share (50) but not two (100)
        self._issue_long_ago(self.alice, self.member_class, 3)
        self._issue_long_ago(self.bob, self.member_class, 10)
        self._approve(self._redemption(self.bob, self.member_class, 1))
        request = self._redemption(self.alice, self.member_class, 1)
        with self.assertRefused("exceed this year's redemption limit"):
            self._approve(request)

    def test_yearly_limit_works_in_the_first_year(self):
        """Nothing was held at the start of the co-op's first year: the limit is a share of
        the capital of the first issue day, and its figures are amounts of money."""
        self.member_class.lockup_months = 0
        year = self.today().year
        with freeze_time(date(year, 2, 1)):
            self._issue(self.alice, self.member_class, 3)
            self._issue(self.bob, self.member_class, 10)
        with freeze_time(date(year, 3, 1)):
            first = self._request(self.alice, self.member_class, 1, request_type="redemption")
            second = self._request(self.bob, self.member_class, 1, request_type="redemption")
        with freeze_time(date(year, 4, 15)):
            # 10% of 650 = 65: one share of 50 goes, a second one does not
            self._approve(first)
            self.assertEqual(first.state, "invoiced")
            currency = self.coop.currency_id
            with self.assertRefused(
                re.escape(
                    f"Redeeming {format_amount(self.env, 50, currency)} would exceed this "
                    f"year's redemption limit: {format_amount(self.env, 50, currency)} already "
                    f"committed out of {format_amount(self.env, 65, currency)}."
                )
            ):
                self._approve(second)

    def test_redemption_of_more_than_held(self):
        self._issue_long_ago(self.alice, self.investor_class, 1)
        request = self._redemption(self.alice, self.investor_class, 2)
        with self.assertRefused("out of a holding of 1"):
            self._approve(request)

    def test_approving_ones_own_request(self):
        request = self._request(self.alice, self.member_class, 1, user=self.manager)
        with self.assertRefused("your own request"):
            self._approve(request, user=self.manager)
        self._approve(request, user=self.manager_2)
        self.assertEqual(request.state, "invoiced")

    def test_only_managers_approve(self):
        request = self._request(self.alice, self.member_class, 1)
        for user in (self.officer, self.accountant):
            with self.assertRefused("Only co-op managers", exception=AccessError):
                request.with_user(user).action_approve()

    def test_rejection_needs_a_reason(self):
        request = self._request(self.alice, self.member_class, 1)
        with self.assertRefused("Give a reason"):
            request.with_user(self.manager).action_reject("  ")
        wizard_action = request.with_user(self.manager).action_reject()
        self.assertEqual(wizard_action["res_model"], "coop.share.request.reason.wizard")
        wizard = (
            self.env["coop.share.request.reason.wizard"]
            .with_user(self.manager)
            .with_context(**wizard_action["context"])
            .create({"reason": "Not now"})
        )
        wizard.action_confirm()
        self.assertEqual((request.state, request.reason), ("rejected", "Not now"))

    def test_submitted_request_is_frozen(self):
        request = self._request(self.alice, self.member_class, 1)
        with self.assertRefused("workflow", exception=AccessError):
            request.quantity = 3
        self._approve(request)
        with self.assertRefused("workflow", exception=AccessError):
            request.sudo().quantity = 3

    def test_member_leaving_cannot_subscribe(self):
        self._issue(self.alice, self.member_class, 1)
        request = self._request(self.alice, self.member_class, 1)
        self.alice._coop_withdraw("Moved away")
        with self.assertRefused("cannot subscribe"):
            self._approve(request)
