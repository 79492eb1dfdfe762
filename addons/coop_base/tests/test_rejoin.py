from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from .common import CoopBaseCase, JsonRpcCase


@tagged("post_install", "-at_install")
class TestRejoin(CoopBaseCase, TransactionCase):
    """A former member applies again: a new membership, the old one kept."""

    def _former_member(self, partner, action="action_withdraw", on=None):
        membership = self._apply(partner, member_class=self.class_worker_a)
        membership._apply_transition("approve", date=date.today() - timedelta(days=400))
        getattr(membership.with_user(self.manager_a), action)("leaves", on or date.today())
        return membership

    def test_withdrawn_member_applies_again_with_history(self):
        old = self._former_member(self.partners[0], on=date.today() - timedelta(days=30))
        old_record = self._snapshot(old)
        new = self._apply(self.partners[0], member_class=self.class_consumer_a)
        self.assertNotEqual(new, old)
        self.assertEqual((new.state, new.previous_membership_id), ("applicant", old))
        self.assertTrue(new.message_ids.filtered(lambda message: old.member_number in message.body))
        new.with_user(self.manager_a).action_approve()
        # a new period of membership, under a new number; the old one is untouched
        self.assertEqual(new.state, "member")
        self.assertNotEqual(new.member_number, old.member_number)
        self.assertEqual(self._snapshot(old), old_record)
        Membership = self.env["coop.membership"]
        self.assertEqual(Membership._get_membership(self.partners[0], self.coop_a), new)
        # each period counts once in the register, on its own dates
        before = Membership._get_members_in_good_standing(self.coop_a, old.admission_date)
        self.assertIn(old, before)
        self.assertNotIn(new, before)
        today = Membership._get_members_in_good_standing(self.coop_a, date.today())
        self.assertEqual(today.filtered(lambda m: m.partner_id == self.partners[0]), new)
        self.assertEqual(self.partners[0].coop_membership_count, 2)

    def test_rejected_applicant_may_apply_again(self):
        first = self._apply(self.partners[1])
        first.with_user(self.manager_a).action_reject("incomplete file")
        second = self._apply(self.partners[1])
        self.assertEqual(second.previous_membership_id, first)
        self.assertEqual(first.state, "rejected")

    def test_current_membership_still_one(self):
        self._former_member(self.partners[0])
        current = self._apply(self.partners[0])
        with self.assertRaisesRegex(ValidationError, "already has a membership"):
            self._apply(self.partners[0])
        # nor by moving another application onto the same partner
        other = self._apply(self.partners[1])
        with self.assertRaisesRegex(ValidationError, "already has a membership"):
            other.partner_id = self.partners[0]
        self.assertEqual(other.partner_id, self.partners[1])
        self.assertEqual(
            self.env["coop.membership"].search_count(
                [("partner_id", "=", self.partners[0].id), ("state", "=", "applicant")]
            ),
            1,
        )
        self.assertEqual(current.state, "applicant")

    def test_database_keeps_one_current_membership(self):
        former = self._former_member(self.partners[0])
        current = self._apply(self.partners[0])
        insert = (
            "INSERT INTO coop_membership (partner_id, company_id, state, application_date) "
            "VALUES (%s, %s, %s, CURRENT_DATE)"
        )
        # a second ended membership is history, allowed
        self.env.cr.execute(insert, (self.partners[0].id, self.coop_a.id, "rejected"))
        # a second current one is refused even past the ORM
        for state in ("applicant", "member", "suspended"):
            with (
                self.subTest(state=state),
                mute_logger("odoo.sql_db"),
                self.assertRaises(IntegrityError),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(insert, (self.partners[0].id, self.coop_a.id, state))
        self.assertEqual((former.state, current.state), ("withdrawn", "applicant"))

    def test_expelled_member_reapplies_only_by_board(self):
        expelled = self._former_member(self.partners[2], action="action_expel")
        count = self.env["coop.membership"].search_count([])
        with self.assertRaisesRegex(ValidationError, "only its board"):
            self.env["coop.membership"].with_user(self.officer_a).create(
                {"partner_id": self.partners[2].id, "company_id": self.coop_a.id}
            )
        self.assertEqual(self.env["coop.membership"].search_count([]), count)
        again = (
            self.env["coop.membership"]
            .with_user(self.manager_a)
            .create({"partner_id": self.partners[2].id, "company_id": self.coop_a.id})
        )
        self.assertEqual(again.previous_membership_id, expelled)

    def test_deceased_member_never_returns(self):
        self._former_member(self.partners[3], action="action_mark_deceased")
        for user in (self.officer_a, self.manager_a):
            with self.subTest(user=user.login), self.assertRaisesRegex(ValidationError, "deceased"):
                self.env["coop.membership"].with_user(user).create(
                    {"partner_id": self.partners[3].id, "company_id": self.coop_a.id}
                )

    def test_readmission_waits_for_the_end_of_the_previous_membership(self):
        leaving = date.today() + timedelta(days=10)
        old = self._former_member(self.partners[4], on=leaving)
        new = self._apply(self.partners[4])
        with self.assertRaisesRegex(UserError, "remains a member"):
            new.with_user(self.manager_a).action_approve()
        self.assertEqual((new.state, new.member_number), ("applicant", False))
        new._apply_transition("approve", date=leaving)
        self.assertEqual((new.admission_date, old.end_date), (leaving, leaving))

    def test_apply_entry_point_for_other_addons(self):
        membership = (
            self.env["coop.membership"]
            .with_user(self.portal_user)
            ._coop_apply(
                self.portal_user.partner_id, self.coop_a, member_class_id=self.class_worker_a.id
            )
        )
        self.assertEqual(
            (membership.state, membership.member_class_id, membership.env.user),
            ("applicant", self.class_worker_a, self.portal_user),
        )
        with self.assertRaisesRegex(ValidationError, "already has a membership"):
            self.env["coop.membership"]._coop_apply(self.portal_user.partner_id, self.coop_a)


@tagged("post_install", "-at_install")
class TestRejoinRpc(CoopBaseCase, JsonRpcCase, HttpCase):
    """The re-application rules hold for a JSON-RPC client too."""

    def test_officer_cannot_readmit_an_expelled_member_over_rpc(self):
        expelled = self._member(self.partners[0])
        expelled._apply_transition("expel", reason="misconduct")
        count = self.env["coop.membership"].search_count([])
        values = {"partner_id": self.partners[0].id, "company_id": self.coop_a.id}
        self.assertRpcRefused(
            self.officer_a, "coop.membership", "create", [values], message="only its board"
        )
        self.assertEqual(self.env["coop.membership"].search_count([]), count)
        # the history link is the server's, never the client's
        forged = dict(values, partner_id=self.partners[1].id, previous_membership_id=expelled.id)
        self.assertRpcRefused(
            self.manager_a, "coop.membership", "create", [forged], message="workflow"
        )
        self.assertEqual(self.env["coop.membership"].search_count([]), count)
        [new_id] = self.rpc(self.manager_a, "coop.membership", "create", [values])
        new = self.env["coop.membership"].browse(new_id)
        self.assertEqual((new.state, new.previous_membership_id), ("applicant", expelled))
