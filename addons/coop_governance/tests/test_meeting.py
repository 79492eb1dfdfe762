# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestMeeting(GovernanceCase, TransactionCase):
    def _refused(self, attendance, values, message):
        with self.assertRaisesRegex(ValidationError, message):
            attendance.write(values)

    def test_convene_sends_notice_to_eligible_members(self):
        meeting = self._meeting()
        meeting.with_user(self.officer).action_convene()
        self.assertEqual(meeting.state, "convened")
        self.assertEqual(meeting.attendance_ids.membership_id, self.members)
        self.env["coop.meeting.attendance"]._cron_send_meeting_notices()
        notices = self.env["mail.mail"].search(
            [
                ("model", "=", "coop.meeting.attendance"),
                ("res_id", "in", meeting.attendance_ids.ids),
            ]
        )
        self.assertEqual(notices.recipient_ids, self.members.partner_id)
        self.assertIn("Accounts", notices[0].body_html)

    def test_convene_inside_notice_period_needs_urgency_reason(self):
        meeting = self._meeting(days=5)
        mails = self.env["mail.mail"].search_count([])
        with self.assertRaisesRegex(UserError, "14 days of notice"):
            meeting.action_convene()
        self.assertEqual(meeting.state, "draft")
        self.assertFalse(meeting.attendance_ids)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        meeting.urgency_reason = "The bank needs a decision on the loan this week."
        meeting.action_convene()
        self.assertEqual(meeting.state, "convened")
        self.assertIn("Urgency reason", meeting.message_ids[0].body)

    def test_convene_rules(self):
        with self.assertRaisesRegex(UserError, "agenda"):
            self._meeting(agenda_item_ids=False).action_convene()
        with self.assertRaisesRegex(UserError, "officers"):
            self._meeting().with_user(self.teller).action_convene()
        with self.assertRaises(ValidationError):
            self._meeting(body=self.board, meeting_type="agm")
        meeting = self._meeting()
        meeting.action_convene()
        with self.assertRaisesRegex(UserError, "can only be changed by its workflow"):
            meeting.write(
                {"date_start": meeting.date_start.replace(year=meeting.date_start.year + 1)}
            )

    def test_live_quorum_counts_proxies_only_when_allowed(self):
        meeting = self._meeting_soon()
        self._attendance(meeting, self.members[4]).write(
            {"state": "proxy", "proxy_holder_id": self.members[0].id}
        )
        meeting.action_start()
        self._attendance(meeting, self.members[1]).action_check_in()
        self.assertEqual(meeting.quorum_required, 3)
        self.assertEqual(
            (meeting.present_count, meeting.represented_count), (1, 0), "holder not in the room"
        )
        self.assertFalse(meeting.quorum_reached)
        self._attendance(meeting, self.members[0]).action_check_in()
        self.assertEqual((meeting.present_count, meeting.represented_count), (2, 1))
        self.assertTrue(meeting.quorum_reached)
        self.coop.coop_proxy_allowed = False
        meeting.invalidate_recordset(["quorum_reached", "quorum_required"])
        self.assertFalse(meeting.quorum_reached)

    def test_proxy_rules(self):
        meeting = self._meeting()
        meeting.action_convene()
        giver, holder, third = (self._attendance(meeting, m) for m in self.members[3:6])
        holder_member = self.members[4]
        cases = [
            (giver, {"state": "proxy", "proxy_holder_id": self.members[3].id}, "own proxy"),
            (giver, {"state": "proxy", "proxy_holder_id": self.applicant.id}, "entitled to attend"),
        ]
        for attendance, values, message in cases:
            with self.subTest(message=message):
                self._refused(attendance, values, message)
        giver.write({"state": "proxy", "proxy_holder_id": holder_member.id})
        self._refused(
            third, {"state": "proxy", "proxy_holder_id": holder_member.id}, "would hold 2 proxies"
        )
        self._refused(
            holder, {"state": "proxy", "proxy_holder_id": self.members[5].id}, "no chains"
        )
        self._refused(third, {"state": "proxy", "proxy_holder_id": self.members[3].id}, "chained")
        self.assertEqual((holder.state, third.state, giver.state), ("invited", "invited", "proxy"))
        self.coop.coop_proxy_allowed = False
        self._refused(
            third, {"state": "proxy", "proxy_holder_id": self.members[0].id}, "do not allow proxies"
        )

    def test_proxy_holder_casts_each_vote_separately(self):
        meeting = self._meeting()
        meeting.action_convene()
        self._attendance(meeting, self.members[3]).write(
            {"state": "proxy", "proxy_holder_id": self.members[0].id}
        )
        ballot = self._ballot(method="yes_no", meeting_id=meeting.id)
        ballot.action_open()
        holder = self.members[0]
        ballot._cast_vote(holder, {"choice": "yes"}, "portal")
        ballot._cast_vote(self.members[3], {"choice": "no"}, "portal", holder=holder)
        with self.assertRaisesRegex(UserError, "already voted"):
            ballot._cast_vote(self.members[3], {"choice": "no"}, "portal", holder=holder)
        with self.assertRaisesRegex(UserError, "does not hold a proxy"):
            ballot._cast_vote(self.members[5], {"choice": "no"}, "portal", holder=holder)
        voted = ballot.roll_ids.filtered("has_voted")
        self.assertEqual(voted.membership_id, self.members[0] | self.members[3])
        self.assertEqual(sorted(voted.mapped("channel")), ["portal", "proxy"])
        self._close_and_count(ballot)
        self.assertEqual(ballot._get_result()["counts"], {"yes": 1, "no": 1, "abstain": 0})

    def test_motions_majorities_and_resolutions_register(self):
        meeting = self._held_meeting(present=6)
        Motion = self.env["coop.motion"]
        cases = [
            ("ordinary", "simple", (4, 2, 0), "adopted"),
            ("special", "two_thirds", (4, 2, 0), "adopted"),
            ("dissolution", "three_quarters", (4, 2, 0), "rejected"),
            ("ordinary", "unanimity", (5, 0, 1), "rejected"),
            ("ordinary", "consensus", (5, 0, 1), "adopted"),
        ]
        motions = Motion
        for kind, majority, (yes, no, abstain), _expected in cases:
            motion = Motion.create(
                {
                    "meeting_id": meeting.id,
                    "name": f"{kind} {majority}",
                    "text": "<p>Resolved.</p>",
                    "kind": kind,
                    "votes_yes": yes,
                    "votes_no": no,
                    "votes_abstain": abstain,
                    "proposer_id": self.members[0].id,
                    "seconder_id": self.members[1].id,
                }
            )
            motion.majority = majority
            motions |= motion
        self.assertEqual(motions[2].majority, "three_quarters")
        motions.with_user(self.officer).action_decide()
        self.assertEqual(motions.mapped("state"), [case[3] for case in cases])
        resolutions = motions.resolution_id.sorted("number")
        self.assertEqual(resolutions.mapped("number"), [1, 2, 3])
        self.assertEqual(resolutions.mapped("reference"), ["RES-0001", "RES-0002", "RES-0003"])

    def test_kind_sets_default_majority(self):
        meeting = self._meeting()
        motion = self.env["coop.motion"].create(
            {
                "meeting_id": meeting.id,
                "name": "Amend bylaws",
                "text": "<p>x</p>",
                "kind": "bylaw_amendment",
            }
        )
        self.assertEqual(motion.majority, "two_thirds")
        with self.assertRaises(ValidationError):
            motion.write({"proposer_id": self.members[0].id, "seconder_id": self.members[0].id})

    def test_motion_without_quorum_is_not_adopted(self):
        meeting = self._held_meeting(present=1)
        motion = self.env["coop.motion"].create(
            {"meeting_id": meeting.id, "name": "Buy a boat", "text": "<p>x</p>", "votes_yes": 1}
        )
        motion.action_decide()
        self.assertEqual(motion.state, "rejected")
        self.assertIn("not reached", motion.decision_note)
        self.assertFalse(motion.resolution_id)

    def test_show_of_hands_cannot_exceed_members_present(self):
        meeting = self._held_meeting(present=3)
        motion = self.env["coop.motion"].create(
            {"meeting_id": meeting.id, "name": "Too many hands", "text": "<p>x</p>", "votes_yes": 4}
        )
        with self.assertRaisesRegex(UserError, "More votes"):
            motion.action_decide()
        self.assertEqual(motion.state, "draft")

    def test_motion_by_ballot(self):
        meeting = self._held_meeting(present=6)
        motion = self.env["coop.motion"].create(
            {
                "meeting_id": meeting.id,
                "name": "Join the federation",
                "text": "<p>x</p>",
                "kind": "special",
            }
        )
        motion.action_open_ballot()
        ballot = motion.ballot_id
        self.assertEqual(
            (ballot.method, ballot.majority, ballot.secret), ("yes_no", "two_thirds", True)
        )
        with self.assertRaisesRegex(UserError, "Close the ballot"):
            motion.action_decide()
        ballot.write({"date_close": meeting.date_start})
        ballot.action_open()
        for member, choice in zip(
            self.members, ["yes", "yes", "yes", "no", "abstain"], strict=False
        ):
            ballot._cast_vote(member, {"choice": choice}, "portal")
        self._close_and_count(ballot)
        motion.action_decide()
        self.assertEqual(motion.state, "adopted")
        self.assertEqual((motion.votes_yes, motion.votes_no, motion.votes_abstain), (3, 1, 1))

    def test_resolution_register_is_never_edited(self):
        meeting = self._held_meeting(present=6)
        motion = self.env["coop.motion"].create(
            {
                "meeting_id": meeting.id,
                "name": "Adopt a logo",
                "text": "<p>The fish.</p>",
                "votes_yes": 6,
            }
        )
        motion.action_decide()
        resolution = motion.resolution_id
        for change in (
            lambda: resolution.write({"name": "Adopt another logo"}),
            lambda: resolution.sudo().write({"text": "<p>The boat.</p>"}),
            lambda: resolution.sudo().unlink(),
            lambda: motion.write({"text": "<p>Changed</p>"}),
        ):
            with self.assertRaises(UserError):
                change()
        self.assertEqual(resolution.name, "Adopt a logo")
        self.assertEqual(motion.state, "adopted")

    def test_close_meeting_and_minutes_approved_later(self):
        meeting = self._held_meeting(present=6)
        meeting.minutes = "<p>All went well.</p>"
        ballot = self._ballot(method="yes_no", meeting_id=meeting.id)
        ballot.action_open()
        with self.assertRaisesRegex(UserError, "Close the meeting's ballots"):
            meeting.action_close()
        # voting has stopped but the box is not counted yet: still not over
        ballot._close_early("The tests close the poll now.")
        self.assertEqual(ballot.state, "counting")
        with self.assertRaisesRegex(UserError, "Close the meeting's ballots"):
            meeting.action_close()
        ballot._count()
        meeting.action_close()
        self.assertFalse(meeting.attendance_ids.filtered(lambda a: a.state == "invited"))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("coop_governance.action_report_meeting_minutes", meeting.ids)[0]
            .decode()
        )
        self.assertIn(ballot.box_head, html)
        self.assertIn("to be approved at a later meeting", html)
        with self.assertRaisesRegex(ValidationError, "later meeting"), self.env.cr.savepoint():
            meeting.minutes_approved_in_id = meeting
        next_meeting = self._meeting_soon(minutes=50)
        next_meeting.action_start()
        meeting.minutes_approved_in_id = next_meeting
        with self.assertRaisesRegex(UserError, "can only be changed by its workflow"):
            meeting.minutes = "<p>Rewritten</p>"
