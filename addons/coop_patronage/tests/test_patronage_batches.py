# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import YEAR, CoopPatronageCommon


@tagged("post_install", "-at_install")
class TestPatronageBatches(CoopPatronageCommon):
    """A large co-op's allocation is posted and reversed by the patronage cron,
    one balanced entry per batch of members, never all inside the manager's
    request. Batches of one member stand for batches of thousands."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._invoice(cls.alice, [(cls.tool, 210)])
        cls._invoice(cls.bob, [(cls.tool, 90)])
        cls._invoice(cls.carol, [(cls.tool, 100)])
        cls.env["ir.config_parameter"].sudo().set_param("coop_patronage.post_batch_size", 1)
        cls.cron = cls.env.ref("coop_patronage.ir_cron_patronage_batches")

    def _run_cron(self):
        """Call the cron until it has nothing left, as the cron runner does
        while a run reports remaining work."""
        runs = 0
        while self.env["coop.patronage.period"]._cron_post_batches():
            runs += 1
            self.assertLess(runs, 20, "the cron never runs out of work")
        return runs

    def _posted_period(self):
        period = self._period(surplus=4000.0)
        period.action_compute()
        self._run_cron()
        period.action_post()
        return period

    def test_compute_in_the_cron(self):
        period = self._period(surplus=4000.0)
        period.action_compute()
        # more members than a batch: the manager's request only queues it
        self.assertEqual(period.state, "computing")
        self.assertFalse(period.allocation_ids)
        with self.assertRaises(UserError):
            period.action_post()
        self.assertEqual(self._run_cron(), 1)
        self.assertEqual(period.state, "computed")
        self.assertEqual(len(period.allocation_ids), 3)
        self.assertAlmostEqual(sum(period.allocation_ids.mapped("allocated_amount")), 2600.0)

    def test_compute_refused_in_the_cron(self):
        # nobody bought anything that year: the cron sends the period back, saying why
        period = self._period(
            surplus=100.0,
            start=datetime.date(YEAR - 5, 1, 1),
            end=datetime.date(YEAR - 5, 12, 31),
            date=datetime.date(YEAR - 4, 3, 1),
        )
        period.action_compute()
        self.assertEqual(period.state, "computing")
        self._run_cron()
        self.assertEqual(period.state, "draft")
        self.assertFalse(period.allocation_ids)
        self.assertTrue(
            any("No eligible member has any patronage" in m.body for m in period.message_ids)
        )

    def test_post_in_batches(self):
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)])
        period = self._posted_period()
        # the manager's request posted the first batch only, and woke the cron
        self.assertEqual(period.state, "posting")
        self.assertEqual((len(period.move_ids), period.posted_count), (1, 1))
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]), triggers
        )
        self.assertEqual(len(period.capital_line_ids), 1)
        self.assertLedgerMatchesBooks()
        with self.assertRaises(UserError):
            period.action_post()
        with self.assertRaises(UserError):
            period.action_reverse()
        # the cron job as the scheduler runs it (its user, its code) posts bob
        self.cron.method_direct_trigger()
        self.assertEqual((len(period.move_ids), period.posted_count), (2, 2))
        # then carol in her own entry, then nothing left
        self.assertEqual(self._run_cron(), 2)
        self.assertEqual(period.state, "posted")
        self.assertEqual(period.posted_count, 3)
        moves = period.move_ids
        self.assertEqual(len(moves), 3)
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        for move in moves:
            self.assertTrue(all(move.line_ids.mapped("partner_id")), "a line without a partner")
            self.assertAlmostEqual(
                sum(move.line_ids.mapped("debit")), sum(move.line_ids.mapped("credit"))
            )
        # reserve and education fund once, in the first entry; the whole surplus in all
        reserve = moves.line_ids.filtered(
            lambda line: line.account_id == self.coop.coop_patronage_reserve_account_id
        )
        self.assertEqual(reserve.move_id, moves.sorted("id")[0])
        self.assertAlmostEqual(reserve.credit, 1200.0)
        earnings = self.coop.get_unaffected_earnings_account()
        self.assertAlmostEqual(
            sum(moves.line_ids.filtered(lambda line: line.account_id == earnings).mapped("debit")),
            4000.0,
        )
        self.assertEqual(len(period.capital_line_ids), 3)
        self.assertLedgerMatchesBooks()
        # the cash portions of every entry are paid together
        action = period.action_pay_cash()
        self.assertEqual(len(action["context"]["active_ids"]), 3)
        Form(
            self.env["account.payment.register"].with_context(**action["context"])
        ).save().action_create_payments()
        self.assertTrue(all(period.allocation_ids.mapped("cash_paid")))

    def test_reverse_in_batches(self):
        period = self._posted_period()
        self._run_cron()
        period.action_reverse()
        self.assertEqual(period.state, "reversing")
        self.assertEqual(len(period.reversal_move_ids), 1)
        with self.assertRaises(UserError):
            period.action_reverse()
        self._run_cron()
        self.assertEqual(period.state, "reversed")
        self.assertEqual(len(period.reversal_move_ids), 3)
        self.assertTrue(all(period.move_ids.mapped("reversal_move_ids")))
        self.assertEqual(self._ledger(), {})
        self.assertLedgerMatchesBooks()

    def test_cron_without_work(self):
        self.assertFalse(self.env["coop.patronage.period"]._cron_post_batches())
