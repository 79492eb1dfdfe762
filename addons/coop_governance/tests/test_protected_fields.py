# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_base.tests.common import JsonRpcCase, new_coop_user

from .common import GovernanceCase

WORKFLOW = "can only be changed by its workflow"


@tagged("post_install", "-at_install")
class TestGovernanceProtectedFields(GovernanceCase, JsonRpcCase, HttpCase):
    """Motions, resolutions, meetings and attendance: every forgery goes
    through JSON-RPC as the user who tried it, is refused, and changes
    nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_coop_user(
            cls.env, "gov_admin", "base.group_system,coop_base.group_coop_manager", cls.coop
        )
        cls.member_user = new_test_user(
            cls.env,
            login="gov_member_rpc",
            password="gov_member_rpc-pw-1234",
            groups="base.group_portal",
            partner_id=cls.members[2].partner_id.id,
            company_id=cls.coop.id,
            company_ids=[Command.set(cls.coop.ids)],
        )

    def _motion(self, meeting, **vals):
        return self.env["coop.motion"].create(
            {"meeting_id": meeting.id, "name": "Buy a boat", "text": "<p>Resolved.</p>", **vals}
        )

    def _motion_state(self, motion):
        motion.invalidate_recordset()
        return (
            motion.state,
            motion.kind,
            motion.majority,
            motion.ballot_id,
            motion.decision_note,
            motion.decided_date,
            motion.decided_by_id,
            motion.resolution_id,
            (motion.votes_yes, motion.votes_no, motion.votes_abstain),
        )

    def _meeting_state(self, meeting):
        meeting.invalidate_recordset()
        return (
            meeting.state,
            meeting.date_start,
            meeting.notice_date,
            meeting.convened_by_id,
            meeting.minutes,
            meeting.minutes_approved_in_id,
            meeting.present_count,
        )

    def _attendance_state(self, meeting):
        meeting.attendance_ids.invalidate_recordset()
        return sorted(
            (a.membership_id.id, a.state, a.rsvp, a.proxy_holder_id.id)
            for a in meeting.attendance_ids
        )

    def _special_motion_counted_3_to_2(self):
        """A special resolution (two-thirds) whose secret ballot counted
        3 yes, 2 no and 1 abstention: it fails."""
        meeting = self._held_meeting(present=6)
        motion = self._motion(meeting, kind="special")
        motion.action_open_ballot()
        ballot = motion.ballot_id
        ballot.action_open()
        for member, choice in zip(
            self.members, ("yes", "yes", "yes", "no", "no", "abstain"), strict=True
        ):
            ballot._cast_vote(member, {"choice": choice}, "portal")
        self._close_and_count(ballot)
        return motion

    # ------------------------------------------------------------------
    # Motions
    # ------------------------------------------------------------------
    def test_majority_and_kind_frozen_once_put_to_a_ballot(self):
        motion = self._special_motion_counted_3_to_2()
        before = self._motion_state(motion)
        self.assertEqual(motion.majority, "two_thirds")
        for user in (self.officer, self.admin):
            for vals in ({"majority": "simple"}, {"kind": "ordinary"}, {"votes_yes": 5}):
                with self.subTest(user=user.login, vals=vals):
                    self.assertRpcRefused(
                        user, "coop.motion", "write", [motion.id], vals, message=WORKFLOW
                    )
                    self.assertEqual(self._motion_state(motion), before)
        self.rpc(self.officer, "coop.motion", "action_decide", [motion.id])
        motion.invalidate_recordset()
        self.assertEqual(motion.state, "rejected", "3 to 2 is not two-thirds")
        self.assertFalse(motion.resolution_id)
        self.assertEqual((motion.votes_yes, motion.votes_no, motion.votes_abstain), (3, 2, 1))
        self.assertEqual(motion.decided_by_id, self.officer)

    def test_motion_decision_fields_only_by_the_workflow(self):
        meeting = self._held_meeting(present=6)
        motion = self._motion(meeting, votes_yes=1, votes_no=5)
        adopted = self._motion(meeting, name="Paint the boat", votes_yes=6)
        adopted.action_decide()
        other_ballot = self._ballot(method="yes_no", notify_voters=False)
        before = self._motion_state(motion)
        forgeries = (
            {"state": "adopted"},
            {"decision_note": "Adopted unanimously."},
            {"decided_by_id": self.officer.id},
            {"decided_date": "2026-01-01 10:00:00"},
            {"resolution_id": adopted.resolution_id.id},
            {"ballot_id": other_ballot.id},
        )
        for user in (self.officer, self.admin):
            for vals in forgeries:
                with self.subTest(user=user.login, vals=vals):
                    self.assertRpcRefused(
                        user, "coop.motion", "write", [motion.id], vals, message=WORKFLOW
                    )
                    self.assertEqual(self._motion_state(motion), before)
        count = self.env["coop.motion"].search_count([])
        self.assertRpcRefused(
            self.officer,
            "coop.motion",
            "create",
            {
                "meeting_id": meeting.id,
                "name": "Adopted from the start",
                "text": "<p>x</p>",
                "state": "adopted",
                "resolution_id": adopted.resolution_id.id,
            },
            message=WORKFLOW,
        )
        self.assertEqual(self.env["coop.motion"].search_count([]), count)
        # the decided motion is frozen, the member may not even write
        before = self._motion_state(adopted)
        self.assertRpcRefused(
            self.officer, "coop.motion", "write", [adopted.id], {"text": "<p>Sink it.</p>"}
        )
        self.assertRpcRefused(self.member_user, "coop.motion", "action_decide", [motion.id])
        self.assertEqual(self._motion_state(adopted), before)
        self.assertEqual(self._motion_state(motion)[0], "draft")

    # ------------------------------------------------------------------
    # Resolutions register
    # ------------------------------------------------------------------
    def test_resolutions_enter_the_register_only_by_a_decision(self):
        meeting = self._held_meeting(present=6)
        motion = self._motion(meeting, votes_yes=6)
        motion.action_decide()
        resolution = motion.resolution_id
        register = [(r.number, r.reference, r.name, r.text, r.date) for r in resolution]
        count = self.env["coop.resolution"].search_count([])
        vals = {
            "company_id": self.coop.id,
            "name": "Dissolve the co-op",
            "text": "<p>Forged.</p>",
            "date": "2026-01-01",
            "number": 99,
            "reference": "RES-0099",
        }
        for user in (self.officer, self.admin):
            with self.subTest(user=user.login):
                self.assertRpcRefused(user, "coop.resolution", "create", vals)
                for change in ({"number": 7}, {"text": "<p>Changed.</p>"}, {"date": "2020-01-01"}):
                    self.assertRpcRefused(user, "coop.resolution", "write", [resolution.id], change)
                self.assertRpcRefused(user, "coop.resolution", "unlink", [resolution.id])
        self.assertRpcRefused(
            self.admin,
            "res.company",
            "write",
            [self.coop.id],
            {"coop_resolution_last_number": 0},
        )
        # not even server code running as superuser writes the register
        with self.assertRaisesRegex(AccessError, "decide the motion"):
            self.env["coop.resolution"].sudo().create(vals)
        resolution.invalidate_recordset()
        self.assertEqual(
            [(r.number, r.reference, r.name, r.text, r.date) for r in resolution], register
        )
        self.assertEqual(self.env["coop.resolution"].search_count([]), count)
        next_motion = self._motion(meeting, name="Buy a second boat", votes_yes=6)
        next_motion.action_decide()
        self.assertEqual(next_motion.resolution_id.number, resolution.number + 1)

    # ------------------------------------------------------------------
    # Meetings
    # ------------------------------------------------------------------
    def test_meeting_workflow_fields_refused(self):
        meeting = self._meeting_soon()
        before = self._meeting_state(meeting)
        forgeries = (
            {"state": "held"},
            {"state": "draft"},
            {"notice_date": "2020-01-01 10:00:00"},
            {"convened_by_id": self.admin.id},
            {"present_count": 6},
            {"quorum_reached": True},
            {"date_start": "2030-01-01 10:00:00"},
            {"body_id": self.board.id},
            {"urgency_reason": "Another reason"},
        )
        for user in (self.officer, self.admin):
            for vals in forgeries:
                with self.subTest(user=user.login, vals=vals):
                    self.assertRpcRefused(user, "coop.meeting", "write", [meeting.id], vals)
                    self.assertEqual(self._meeting_state(meeting), before)
        count = self.env["coop.meeting"].search_count([])
        self.assertRpcRefused(
            self.officer,
            "coop.meeting",
            "create",
            {
                "name": "Held already",
                "company_id": self.coop.id,
                "body_id": self.assembly.id,
                "meeting_type": "agm",
                "date_start": "2030-01-01 10:00:00",
                "state": "closed",
            },
            message=WORKFLOW,
        )
        self.assertEqual(self.env["coop.meeting"].search_count([]), count)

    def test_approved_minutes_are_frozen(self):
        meeting = self._held_meeting(present=6)
        meeting.minutes = "<p>All went well.</p>"
        meeting.action_close()
        next_meeting = self._meeting_soon(minutes=50)
        next_meeting.action_start()
        self.rpc(
            self.officer,
            "coop.meeting",
            "write",
            [meeting.id],
            {"minutes_approved_in_id": next_meeting.id},
        )
        before = self._meeting_state(meeting)
        for user in (self.officer, self.admin):
            for vals in ({"minutes": "<p>Rewritten.</p>"}, {"minutes_approved_in_id": False}):
                with self.subTest(user=user.login, vals=vals):
                    self.assertRpcRefused(
                        user, "coop.meeting", "write", [meeting.id], vals, message=WORKFLOW
                    )
                    self.assertEqual(self._meeting_state(meeting), before)

    # ------------------------------------------------------------------
    # Attendance register
    # ------------------------------------------------------------------
    def test_attendance_register_drawn_by_convening_and_frozen_in_session(self):
        meeting = self._meeting_soon()
        line = self._attendance(meeting, self.members[3])
        before = self._attendance_state(meeting)
        # before the session: presence is not recorded in advance, and the
        # register holds the members entitled to attend, nobody else
        self.assertRpcRefused(
            self.officer, "coop.meeting.attendance", "write", [line.id], {"state": "present"}
        )
        self.assertRpcRefused(
            self.officer,
            "coop.meeting.attendance",
            "create",
            {"meeting_id": meeting.id, "membership_id": self.applicant.id, "state": "invited"},
            message=WORKFLOW,
        )
        self.assertRpcRefused(
            self.officer,
            "coop.meeting.attendance",
            "write",
            [line.id],
            {"membership_id": self.applicant.id},
            message=WORKFLOW,
        )
        self.assertEqual(self._attendance_state(meeting), before)
        # apologies before the session are the officers' daily work
        self.rpc(
            self.officer, "coop.meeting.attendance", "write", [line.id], {"state": "apologies"}
        )
        meeting.action_start()
        before = self._attendance_state(meeting)
        for user in (self.officer, self.admin):
            for vals in ({"state": "present"}, {"state": "invited"}, {"rsvp": "yes"}):
                with self.subTest(user=user.login, vals=vals):
                    self.assertRpcRefused(user, "coop.meeting.attendance", "write", [line.id], vals)
                    self.assertEqual(self._attendance_state(meeting), before)
        # the portal member and the teller do not check anybody in
        for user in (self.member_user, self.teller):
            with self.subTest(user=user.login):
                self.assertRpcRefused(user, "coop.meeting.attendance", "action_check_in", [line.id])
        self.assertEqual(self._attendance_state(meeting), before)
        self.rpc(self.officer, "coop.meeting.attendance", "action_check_in", [line.id])
        line.invalidate_recordset()
        self.assertEqual(line.state, "present")
        self.assertEqual(meeting.present_count, 1)
        self.rpc(self.officer, "coop.meeting.attendance", "action_check_out", [line.id])
        line.invalidate_recordset()
        self.assertEqual(line.state, "absent")
