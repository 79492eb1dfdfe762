from odoo.tests import HttpCase, tagged

from .common import CoopBaseCase, JsonRpcCase


@tagged("post_install", "-at_install")
class TestProtectedFields(CoopBaseCase, JsonRpcCase, HttpCase):
    """Forgeries of a membership's decision over JSON-RPC, by every role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write({"company_ids": [(4, cls.coop_a.id)]})
        cls.admin.password = "admin-pw-1234"

    def setUp(self):
        super().setUp()
        self.applicant = self._apply(self.partners[0], member_class=self.class_worker_a)
        self.member = self._member(self.partners[1], member_class=self.class_worker_a)

    def _refused(self, user, method, *args, **kwargs):
        before = self._snapshot(self.applicant | self.member)
        message = self.assertRpcRefused(
            user, "coop.membership", method, *args, message="workflow", **kwargs
        )
        self.assertEqual(self._snapshot(self.applicant | self.member), before)
        return message

    def test_nobody_writes_a_decision(self):
        forgeries = [
            {"state": "member"},
            {"member_number": "M99999"},
            {"admission_date": "2020-01-01"},
            {"decided_by_id": self.manager_a.id},
            {"state_reason": "approved by the board"},
        ]
        for user in (self.officer_a, self.manager_a, self.admin):
            for vals in forgeries:
                with self.subTest(user=user.login, vals=vals):
                    self._refused(user, "write", self.applicant.ids, vals)
            with self.subTest(user=user.login, expel=True):
                self._refused(user, "write", self.member.ids, {"state": "expelled"})

    def test_nobody_creates_a_member(self):
        count = self.env["coop.membership"].search_count([])
        for user in (self.officer_a, self.manager_a, self.admin):
            with self.subTest(user=user.login):
                self._refused(
                    user,
                    "create",
                    [
                        {
                            "partner_id": self.partners[3].id,
                            "company_id": self.coop_a.id,
                            "state": "member",
                            "member_number": "M00777",
                        }
                    ],
                )
        self.assertEqual(self.env["coop.membership"].search_count([]), count)

    def test_decided_membership_keeps_its_partner(self):
        message = self._refused(self.manager_a, "write", self.member.ids, {"partner_id": 1})
        self.assertIn("Member", message)
        # an application is still the officers' to correct
        self.rpc(
            self.officer_a,
            "coop.membership",
            "write",
            self.applicant.ids,
            {"partner_id": self.partners[4].id},
        )
        self.assertEqual(self.applicant.partner_id, self.partners[4])

    def test_suspension_history_is_the_workflow_s(self):
        self.member._apply_transition("suspend", reason="unpaid fee")
        suspension = self.member.suspension_ids
        self.assertRpcRefused(
            self.admin,
            "coop.membership.suspension",
            "write",
            suspension.ids,
            {"date_start": "2001-01-01"},
            message="workflow",
        )
        self.assertEqual(self.member.suspension_ids.date_start, suspension.date_start)

    def test_the_workflow_still_decides(self):
        self.rpc(self.manager_a, "coop.membership", "action_approve", self.applicant.ids)
        self.assertEqual(self.applicant.state, "member")
        self.assertTrue(self.applicant.member_number)
        self.assertEqual(self.applicant.decided_by_id, self.manager_a)
        # an officer calls the public method of a board decision: refused by its group check
        self.assertRpcRefused(
            self.officer_a, "coop.membership", "action_expel", self.member.ids, reason="x"
        )
        self.assertEqual(self.member.state, "member")

    def test_workflow_key_cannot_be_sent(self):
        """The context travels over JSON-RPC: a forged workflow key is only a
        string, never the server's key."""
        self._refused(
            self.admin,
            "write",
            self.applicant.ids,
            {"state": "member"},
            context={"coop_workflow": True},
        )

    def test_context_defaults_do_not_decide(self):
        """``default_state`` in the context is a value like any other."""
        for user in (self.officer_a, self.admin):
            with self.subTest(user=user.login):
                new_id = self.rpc(
                    user,
                    "coop.membership",
                    "create",
                    [{"partner_id": self.partners[3].id, "company_id": self.coop_a.id}],
                    context={
                        "default_state": "member",
                        "default_member_number": "M00777",
                        "default_decided_by_id": self.manager_a.id,
                        "default_admission_date": "2020-01-01",
                    },
                )[0]
                created = self.env["coop.membership"].browse(new_id)
                self.assertEqual(
                    (created.state, created.member_number, created.decided_by_id.id),
                    ("applicant", False, False),
                )
                self.assertFalse(created.admission_date)
                created.unlink()

    def test_nobody_decides_on_their_own_membership(self):
        own = self._apply(self.manager_a.partner_id, member_class=self.class_worker_a)
        for method, args in (("action_approve", ()), ("action_reject", ("my own call",))):
            with self.subTest(method=method):
                message = self.assertRpcRefused(
                    self.manager_a, "coop.membership", method, own.ids, *args
                )
                self.assertIn("your own membership", message)
                self.assertEqual(own.state, "applicant")
        # another manager decides
        other_manager = self._new_user("manager_a2", "coop_base.group_coop_manager", self.coop_a)
        self.rpc(other_manager, "coop.membership", "action_approve", own.ids)
        self.assertEqual(own.state, "member")
