# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CoopPatronageCommon

_logger = logging.getLogger(__name__)

member_index = st.integers(0, 2)
operations = st.one_of(
    st.tuples(
        st.just("allocate"),
        st.integers(-2000_00, 50000_00),
        st.sampled_from(["reserve", "carry_forward", "individual"]),
        st.integers(0, 100),
    ),
    st.tuples(st.just("pay"), st.integers(0, 10)),
    st.tuples(st.just("revolve"), st.integers(0, 6)),
    st.tuples(st.just("redeem"), member_index, st.integers(1, 5000_00)),
    st.tuples(st.just("reverse"), st.integers(0, 10)),
)


@tagged("post_install", "-at_install")
class TestPatronageInvariant(CoopPatronageCommon):
    """Random lives of the capital accounts: after any sequence of allocations,
    payments, redemptions and reversals, each member's capital account equals
    the allocated-equity account of the general ledger for that member."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.alice | cls.bob | cls.carol
        for year in range(2020, 2027):
            for index, member in enumerate(cls.members):
                cls._invoice(
                    member, [(cls.tool, 100 * (index + 1))], date=datetime.date(year, 5, 1)
                )

    @settings(
        max_examples=10,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(operations, min_size=6, max_size=12))
    def test_random_capital_account_life(self, steps):
        savepoint = self.env.cr.savepoint()
        self.next_year = 2020
        try:
            for step in steps:
                try:
                    with self.env.cr.savepoint():
                        self._run(step)
                except (UserError, ValidationError) as refusal:
                    _logger.debug("refused %s: %s", step, refusal)
                self.env.invalidate_all()
                self.assertLedgerMatchesBooks()
                Line = self.env["coop.capital.account.line"]
                if not Line.search_count([("operation", "=", "loss")]):
                    # redemptions never take a member below zero
                    for balance in Line._balances(self.coop).values():
                        self.assertGreaterEqual(round(balance, 2), 0.0)
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def _periods(self, state):
        return self.env["coop.patronage.period"].search(
            [("company_id", "=", self.coop.id), ("state", "=", state)], order="id"
        )

    def _run(self, step):
        kind, *args = step
        Wizard = self.env["coop.capital.redemption.wizard"]
        if kind == "allocate":
            cents, loss_option, cash = args
            if self.next_year > 2026:
                return
            year, self.next_year = self.next_year, self.next_year + 1
            period = self._period(
                surplus=cents / 100,
                start=datetime.date(year, 1, 1),
                end=datetime.date(year, 12, 31),
                date=datetime.date(year + 1, 1, 10),
                loss_option=loss_option,
                cash_percent=cash,
            )
            period.action_compute()
            period.action_post()
        elif kind == "pay":
            posted = self._periods("posted").filtered(
                lambda p: p._coop_cash_lines().filtered(lambda line: not line.reconciled)
            )
            if posted:
                action = posted[args[0] % len(posted)].action_pay_cash()
                Form(
                    self.env["account.payment.register"].with_context(**action["context"])
                ).save().action_create_payments()
        elif kind == "revolve":
            Wizard.create(
                {
                    "company_id": self.coop.id,
                    "max_year": 2020 + args[0],
                    "date": datetime.date(2027, 1, 5),
                }
            ).action_redeem()
        elif kind == "redeem":
            member, cents = args
            Wizard.create(
                {
                    "company_id": self.coop.id,
                    "mode": "member",
                    "membership_id": self.members[member].id,
                    "amount": cents / 100,
                    "date": datetime.date(2027, 1, 5),
                }
            ).action_redeem()
        elif kind == "reverse":
            posted = self._periods("posted")
            if posted:
                posted[args[0] % len(posted)].action_reverse()
