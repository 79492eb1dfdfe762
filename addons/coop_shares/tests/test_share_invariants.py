# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict
from datetime import timedelta

from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CoopSharesCommon

_logger = logging.getLogger(__name__)

MEMBERS = 4
member_index = st.integers(0, MEMBERS - 1)
class_index = st.integers(0, 1)
quantity = st.integers(1, 4)

operations = st.one_of(
    st.tuples(
        st.just("subscribe"),
        member_index,
        class_index,
        quantity,
        st.sampled_from([True, True, False]),
    ),
    st.tuples(st.just("pay"), st.integers(0, 10)),
    st.tuples(st.just("cancel"), st.integers(0, 10)),
    st.tuples(st.just("transfer"), member_index, member_index, class_index, quantity),
    st.tuples(st.just("convert"), member_index, st.integers(1, 2)),
    st.tuples(st.just("redeem"), member_index, class_index, quantity),
    st.tuples(st.just("reverse"), st.integers(0, 20)),
    # undoing a payment, or editing a capital document, must not leave shares unbacked
    st.tuples(st.just("unpay"), st.integers(0, 10), st.booleans()),
    st.tuples(st.just("redraft"), st.integers(0, 10), quantity),
    st.tuples(st.just("edit_posted"), st.integers(0, 10), quantity),
)


@tagged("post_install", "-at_install")
class TestShareInvariants(CoopSharesCommon):
    """Random lives of a register: holdings stay >= 0 and equal to the entries, the ledger
    agrees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # no waiting rules here: the point is the bookkeeping, the rules have their own tests
        (cls.member_class | cls.investor_class).write(
            {
                "notice_period_days": 0,
                "lockup_months": 0,
                "yearly_redemption_limit_percent": 0,
                "max_quantity": 0,
            }
        )
        cls.memberships = cls.env["coop.membership"]
        for index in range(MEMBERS):
            cls.memberships |= cls._membership(f"Random Holder {index}", admitted=False)
        cls.classes = cls.member_class | cls.investor_class
        cls.start = cls.today() - timedelta(days=60)

    @settings(
        max_examples=10,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(operations, min_size=10, max_size=30))
    def test_random_register_life(self, steps):
        savepoint = self.env.cr.savepoint()
        try:
            for day, step in enumerate(steps):
                with freeze_time(self.start + timedelta(days=day)):
                    try:
                        with self.env.cr.savepoint():
                            self._run(step)
                    except UserError as refusal:
                        # a refused step must leave everything as it was: checked just below
                        _logger.debug("refused %s: %s", step, refusal)
                self.env.invalidate_all()
                self._check_invariants()
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def _requests(self, states):
        return self.env["coop.share.request"].search(
            [("membership_id", "in", self.memberships.ids), ("state", "in", states)], order="id"
        )

    def _run(self, step):
        kind, *args = step
        if kind == "subscribe":
            member, share_class, count, pay = args
            request = self._approve(
                self._request(self.memberships[member], self.classes[share_class], count)
            )
            if pay:
                self._pay(request.move_id)
        elif kind == "pay":
            pending = self._requests(["invoiced"])
            if pending:
                self._pay(pending[args[0] % len(pending)].move_id)
        elif kind == "cancel":
            pending = self._requests(["submitted", "invoiced"])
            if pending:
                pending[args[0] % len(pending)].with_user(self.officer).action_cancel(
                    "Random cancel"
                )
        elif kind == "transfer":
            giver, receiver, share_class, count = args
            self._approve(
                self._request(
                    self.memberships[giver],
                    self.classes[share_class],
                    count,
                    request_type="transfer",
                    target_partner_id=self.memberships[receiver].partner_id,
                )
            )
        elif kind == "convert":
            member, count = args
            self._approve(
                self._request(
                    self.memberships[member],
                    self.investor_class,
                    count,
                    request_type="conversion",
                    target_class_id=self.member_class,
                    target_quantity=count * 10,
                )
            )
        elif kind == "redeem":
            member, share_class, count = args
            request = self._approve(
                self._request(
                    self.memberships[member],
                    self.classes[share_class],
                    count,
                    request_type="redemption",
                )
            )
            self._pay(request.move_id)
        elif kind in ("unpay", "redraft", "edit_posted"):
            self._tamper_with_document(kind, *args)
        elif kind == "reverse":
            lines = self.env["coop.share.line"].search(
                [
                    ("membership_id", "in", self.memberships.ids),
                    ("operation", "!=", "reversal"),
                    ("reversal_line_ids", "=", False),
                ],
                order="id",
            )
            if lines:
                lines[args[0] % len(lines)].with_user(self.manager).action_reverse()

    def _tamper_with_document(self, kind, index, arg):
        """What an accountant may try on a capital document: undo its payment, or change it
        (after a reset to draft, or posted)."""
        if kind == "unpay":
            settled = self._requests(["done"]).filtered(
                lambda request: request.request_type in ("subscription", "redemption")
            )
            if settled:
                move = settled[index % len(settled)].move_id.with_user(self.accountant)
                if arg:
                    move._get_reconciled_payments().action_draft()
                else:
                    move.line_ids.remove_move_reconcile()
            return
        invoiced = self._requests(["invoiced"])
        if invoiced:
            move = invoiced[index % len(invoiced)].move_id.with_user(self.accountant)
            if kind == "redraft":
                move.button_draft()
            move.invoice_line_ids.write({"quantity": arg})
            if kind == "redraft":
                move.action_post()

    def _check_invariants(self):
        Line = self.env["coop.share.line"]
        entries = Line.search_read(
            [("membership_id", "in", self.memberships.ids)],
            ["membership_id", "class_id", "date", "quantity"],
        )
        dates = sorted({entry["date"] for entry in entries})
        for on_date in dates:
            expected = defaultdict(int)
            for entry in entries:
                if entry["date"] <= on_date:
                    expected[(entry["membership_id"][0], entry["class_id"][0])] += entry["quantity"]
            holdings = Line._get_holdings(
                [("membership_id", "in", self.memberships.ids)], date=on_date
            )
            self.assertEqual(holdings, {key: value for key, value in expected.items() if value})
            negative = {key: value for key, value in holdings.items() if value < 0}
            self.assertFalse(negative, f"negative holdings on {on_date}")
        self.assertRegisterMatchesLedger(self.classes)
        self._check_shares_are_backed()

    def _check_shares_are_backed(self):
        """Shares issued or redeemed through a capital document stand on that document,
        paid, for the amount the register books."""
        lines = self.env["coop.share.line"].search(
            [
                ("membership_id", "in", self.memberships.ids),
                ("operation", "in", ("issue", "redemption")),
                ("reversal_line_ids", "=", False),
            ]
        )
        for request in lines.request_id:
            document = request.move_id
            self.assertEqual(document.state, "posted", request.name)
            self.assertIn(document.payment_state, ("paid", "in_payment"), request.name)
            booked = sum(
                lines.filtered(lambda line, r=request: line.request_id == r).mapped("amount")
            )
            self.assertAlmostEqual(document.amount_total, abs(booked), places=2, msg=request.name)
            self.assertAlmostEqual(
                document.amount_total, request.amount, places=2, msg=request.name
            )
