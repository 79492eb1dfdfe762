# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading

from dateutil.relativedelta import relativedelta
from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


class ShareConcurrencyCase(TransactionCase):
    """Two managers approve requests at the same moment, in two real transactions.

    Data is committed (the second connection must see it) and removed afterwards.
    """

    # the class's rules, what each holder holds, and the requests as (holder index, values)
    class_values = {}
    initial_quantity = 10
    holders = 2
    request_values = ()

    def setUp(self):
        super().setUp()
        self.created = {}
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            company._coop_shares_ensure_chart()
            journals_before = env["account.journal"].search([("company_id", "=", company.id)])
            sequences_before = env["ir.sequence"].search([("company_id", "=", company.id)])
            account = env["account.account"].create(
                {
                    "code": "301777",
                    "name": "Concurrency capital",
                    "account_type": "equity",
                    "company_ids": [(6, 0, company.ids)],
                }
            )
            share_class = env["coop.share.class"].create(
                {
                    "name": "Concurrency share",
                    "code": "CONC",
                    "company_id": company.id,
                    "nominal_value": 50,
                    "min_quantity": 0,
                    "equity_account_id": account.id,
                    **self.class_values,
                }
            )
            partners = env["res.partner"].create(
                [{"name": f"Concurrent holder {i}"} for i in range(self.holders)]
            )
            memberships = env["coop.membership"].create(
                [{"partner_id": partner.id, "company_id": company.id} for partner in partners]
            )
            two_years_ago = fields.Date.today() - relativedelta(years=2)
            lines = env["coop.share.line"]._post_entries(
                [
                    {
                        "membership_id": membership.id,
                        "class_id": share_class.id,
                        "quantity": self.initial_quantity,
                        "operation": "issue",
                        "date": two_years_ago,
                    }
                    for membership in memberships
                ]
            )
            requests = env["coop.share.request"].create(
                [
                    {
                        "membership_id": memberships[holder].id,
                        "company_id": company.id,
                        "class_id": share_class.id,
                        **values,
                    }
                    for holder, values in self.request_values
                ]
            )
            requests.action_submit()
            self.created = {
                "company": company.id,
                "account": account.id,
                "class": share_class.id,
                "product": share_class.product_id.id,
                "partners": partners.ids,
                "memberships": memberships.ids,
                "lines": lines.ids,
                "requests": requests.ids,
                "journals_before": journals_before.ids,
                "sequences_before": sequences_before.ids,
            }
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        ids = self.created
        with self.registry.cursor() as cr:
            # Ledgers refuse deletion through the ORM by design: this is test scaffolding.
            cr.execute(
                "SELECT id FROM account_move WHERE coop_share_request_id IN %s",
                [tuple(ids["requests"])],
            )
            move_ids = tuple(row[0] for row in cr.fetchall()) or (0,)
            cr.execute("DELETE FROM account_move WHERE id IN %s", [move_ids])
            cr.execute("DELETE FROM coop_share_line WHERE class_id = %s", [ids["class"]])
            cr.execute("DELETE FROM coop_share_request WHERE id IN %s", [tuple(ids["requests"])])
            cr.execute("DELETE FROM coop_share_class WHERE id = %s", [ids["class"]])
            cr.execute("DELETE FROM coop_membership WHERE id IN %s", [tuple(ids["memberships"])])
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
            env["account.account"].browse(ids["account"]).unlink()
            env["res.partner"].browse(ids["partners"]).unlink()
            env["account.journal"].search(
                [
                    ("company_id", "=", ids["company"]),
                    ("coop_share_capital", "=", True),
                    ("id", "not in", ids["journals_before"]),
                ]
            ).unlink()
            env["ir.sequence"].search(
                [
                    ("company_id", "=", ids["company"]),
                    ("code", "=", "coop.share.request"),
                    ("id", "not in", ids["sequences_before"]),
                ]
            ).unlink()

    def _approve_concurrently(self, request_ids):
        barrier = threading.Barrier(len(request_ids))
        outcomes = {}
        manager_id = self.env.ref("base.user_admin").id

        def approve(request_id):
            try:
                with self.registry.cursor() as cr:
                    cr.execute("SELECT 1")  # both snapshots are taken before either commits
                    barrier.wait(timeout=30)
                    # the main thread holds the registry lock: hand the registry over instead
                    cr.transaction = api.Transaction(self.registry)
                    env = api.Environment(cr, manager_id, {})
                    env["coop.share.request"].browse(request_id).action_approve()
                outcomes[request_id] = "approved"
            except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
                outcomes[request_id] = error

        threads = [
            threading.Thread(target=approve, args=(request_id,)) for request_id in request_ids
        ]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        return outcomes

    def _retry_refused(self, request_id, message):
        """Odoo retries a request that failed to serialise; the retry sees the first approval."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.env.ref("base.user_admin").id, {})
            with self.assertRaisesRegex(UserError, message):
                env["coop.share.request"].browse(request_id).action_approve()
            cr.rollback()
            return dict(
                env["coop.share.request"]
                .browse(self.created["requests"])
                .mapped(lambda r: (r.id, r.state))
            )


@tagged("post_install", "-at_install")
class TestRedemptionConcurrency(ShareConcurrencyCase):
    """Each redemption fits the yearly limit alone; together they do not."""

    # 2 x 10 shares of 50 = 1000 at the start of the year: 10% lets 100 (two shares) go
    class_values = {"yearly_redemption_limit_percent": 10}
    request_values = (
        (0, {"request_type": "redemption", "quantity": 2}),
        (1, {"request_type": "redemption", "quantity": 2}),
    )

    def test_two_simultaneous_approvals_cannot_both_pass_the_yearly_limit(self):
        outcomes = self._approve_concurrently(self.created["requests"])
        winners = [request_id for request_id, outcome in outcomes.items() if outcome == "approved"]
        losers = [request_id for request_id, outcome in outcomes.items() if outcome != "approved"]
        self.assertEqual(len(winners), 1, f"exactly one approval commits: {outcomes}")
        self.assertIsInstance(outcomes[losers[0]], SerializationFailure)

        states = self._retry_refused(losers[0], "redemption limit")
        self.assertEqual(states, {winners[0]: "invoiced", losers[0]: "submitted"})


@tagged("post_install", "-at_install")
class TestSubscriptionConcurrency(ShareConcurrencyCase):
    """One member holding 4 of a maximum of 10 asks twice for 4 more: one approval only."""

    class_values = {"max_quantity": 10}
    initial_quantity = 4
    holders = 1
    request_values = (
        (0, {"request_type": "subscription", "quantity": 4}),
        (0, {"request_type": "subscription", "quantity": 4}),
    )

    def test_two_simultaneous_subscriptions_cannot_both_pass_the_maximum(self):
        outcomes = self._approve_concurrently(self.created["requests"])
        winners = [request_id for request_id, outcome in outcomes.items() if outcome == "approved"]
        losers = [request_id for request_id, outcome in outcomes.items() if outcome != "approved"]
        self.assertEqual(len(winners), 1, f"exactly one approval commits: {outcomes}")
        self.assertIsInstance(outcomes[losers[0]], SerializationFailure)
        states = self._retry_refused(losers[0], "over the maximum of 10")
        self.assertEqual(states, {winners[0]: "invoiced", losers[0]: "submitted"})
