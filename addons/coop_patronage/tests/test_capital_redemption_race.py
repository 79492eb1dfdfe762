# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import threading

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

RETAINED = 100.0


@tagged("post_install", "-at_install", "coop_patronage")
class TestCapitalRedemptionRace(TransactionCase):
    """Two managers redeem the same member's whole retained balance at the same
    moment, in two real transactions: one bill, never a negative balance.

    Data is committed (the second connection must see it) and removed afterwards."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            company._coop_shares_ensure_chart()
            equity_before = company.coop_patronage_equity_account_id
            equity = company._coop_patronage_account("coop_patronage_equity_account_id")
            partner = env["res.partner"].create({"name": "Racing Retained Member"})
            membership = env["coop.membership"].create(
                {"partner_id": partner.id, "company_id": company.id}
            )
            membership._coop_admit("Founding member")
            line = (
                env["coop.capital.account.line"]
                ._coop_workflow()
                .create(
                    {
                        "company_id": company.id,
                        "membership_id": membership.id,
                        "partner_id": partner.id,
                        "date": datetime.date(2020, 3, 1),
                        "year": 2019,
                        "operation": "allocation",
                        "amount": RETAINED,
                    }
                )
            )
            self.created = {
                "company": company.id,
                "partner": partner.id,
                "membership": membership.id,
                "line": line.id,
                "equity": equity.id if not equity_before else None,
            }
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        ids = self.created
        with self.registry.cursor() as cr:
            # Ledgers refuse deletion through the ORM by design: this is test scaffolding.
            cr.execute(
                "SELECT move_id FROM coop_capital_account_line WHERE membership_id = %s "
                "AND move_id IS NOT NULL",
                [ids["membership"]],
            )
            move_ids = tuple(row[0] for row in cr.fetchall()) or (0,)
            cr.execute(
                "DELETE FROM coop_capital_account_line WHERE membership_id = %s",
                [ids["membership"]],
            )
            cr.execute("DELETE FROM account_move WHERE id IN %s", [move_ids])
            cr.execute("DELETE FROM coop_membership WHERE id = %s", [ids["membership"]])
            env = api.Environment(cr, SUPERUSER_ID, {})
            if ids["equity"]:
                env["res.company"].browse(ids["company"]).coop_patronage_equity_account_id = False
                env["account.account"].browse(ids["equity"]).unlink()
            env["res.partner"].browse(ids["partner"]).unlink()

    def _redeem(self, env):
        wizard = env["coop.capital.redemption.wizard"].create(
            {
                "company_id": self.created["company"],
                "mode": "member",
                "membership_id": self.created["membership"],
                "amount": RETAINED,
                "date": datetime.date.today(),
            }
        )
        wizard.action_redeem()

    def _redeem_concurrently(self):
        barrier = threading.Barrier(2)
        outcomes = []
        manager_id = self.env.ref("base.user_admin").id

        def redeem():
            try:
                with self.registry.cursor() as cr:
                    cr.execute("SELECT 1")  # both snapshots are taken before either commits
                    barrier.wait(timeout=30)
                    # the main thread holds the registry lock: hand the registry over instead
                    cr.transaction = api.Transaction(self.registry)
                    self._redeem(api.Environment(cr, manager_id, {}))
                outcomes.append("redeemed")
            except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
                outcomes.append(error)

        threads = [threading.Thread(target=redeem) for _i in range(2)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        return outcomes

    def test_two_redemptions_of_the_same_balance_cannot_both_pass(self):
        outcomes = self._redeem_concurrently()
        self.assertEqual(outcomes.count("redeemed"), 1, f"exactly one redemption: {outcomes}")
        loser = next(outcome for outcome in outcomes if outcome != "redeemed")
        self.assertIsInstance(loser, SerializationFailure)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.env.ref("base.user_admin").id, {})
            # Odoo retries a request that failed to serialise: the retry sees the first one
            with self.assertRaisesRegex(UserError, "cannot be redeemed"):
                self._redeem(env)
            cr.rollback()
            lines = env["coop.capital.account.line"].search(
                [("membership_id", "=", self.created["membership"])]
            )
            self.assertEqual(sorted(lines.mapped("amount")), [-RETAINED, RETAINED])
            self.assertEqual(len(lines.move_id), 1)
            self.assertEqual(lines.move_id.move_type, "in_invoice")
