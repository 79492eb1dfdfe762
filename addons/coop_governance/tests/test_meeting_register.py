# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_base.tests.common import JsonRpcCase

from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestMeetingRegister(GovernanceCase, JsonRpcCase, HttpCase):
    """Convened meetings, their agenda and attendance register, and decided
    motions are records of the co-op: an officer's JSON-RPC calls deleting
    or rewriting them are refused and change nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user, cls.expelled_user = (
            new_test_user(
                cls.env,
                login=login,
                password=f"{login}-pw-1234",
                groups="base.group_portal",
                partner_id=membership.partner_id.id,
                company_id=cls.coop.id,
                company_ids=[Command.set(cls.coop.ids)],
            )
            for login, membership in (
                ("gov_reg_member", cls.members[3]),
                ("gov_reg_expelled", cls.members[4]),
            )
        )

    def _adopted_motion(self, meeting):
        motion = self.env["coop.motion"].create(
            {"meeting_id": meeting.id, "name": "Buy a boat", "text": "<p>x</p>", "votes_yes": 4}
        )
        motion.action_decide()
        self.assertEqual(motion.state, "adopted")
        return motion

    def _register(self, meeting):
        meeting.invalidate_recordset()
        return (
            meeting.attendance_ids.mapped(lambda a: (a.id, a.membership_id, a.state)),
            meeting.eligible_count,
            meeting.present_count,
            meeting.quorum_reached,
        )

    def test_attendance_register_never_deleted_once_convened(self):
        convened = self._meeting_soon()
        held = self._held_meeting(present=4)
        for meeting in (convened, held):
            before = self._register(meeting)
            lines = meeting.attendance_ids
            with self.subTest(state=meeting.state):
                self.assertRpcRefused(
                    self.officer,
                    "coop.meeting.attendance",
                    "unlink",
                    lines[:2].ids,
                    message="never edited",
                )
                for command in ([2, lines[0].id, 0], [3, lines[0].id, 0]):
                    self.assertRpcRefused(
                        self.officer,
                        "coop.meeting",
                        "write",
                        [meeting.id],
                        {"attendance_ids": [command]},
                        message="never edited",
                    )
                self.assertEqual(self._register(meeting), before)
        self.assertEqual(held.eligible_count, 6)
        self.assertEqual(held.present_count, 4)

    def test_decided_motions_and_convened_meetings_never_deleted(self):
        meeting = self._held_meeting(present=4)
        motion = self._adopted_motion(meeting)
        resolution = motion.resolution_id
        note = motion.decision_note
        item = meeting.agenda_item_ids[0]
        convened = self._meeting_soon()
        for model, record in (
            ("coop.motion", motion),
            ("coop.meeting", meeting),
            ("coop.meeting", convened),
            ("coop.meeting.agenda.item", item),
            ("coop.meeting.agenda.item", convened.agenda_item_ids[0]),
        ):
            with self.subTest(model=model, id=record.id):
                self.assertRpcRefused(self.officer, model, "unlink", record.ids)
                self.assertTrue(record.exists())
        self.assertRpcRefused(
            self.officer,
            "coop.meeting",
            "write",
            [meeting.id],
            {"agenda_item_ids": [Command.delete(item.id)]},
        )
        self.assertTrue(item.exists())
        resolution.invalidate_recordset()
        self.assertEqual(
            (resolution.motion_id, resolution.meeting_id, resolution.decision_note),
            (motion, meeting, note),
        )
        self.assertEqual(meeting.state, "held")
        self.assertEqual(convened.state, "convened")

    def test_motions_and_meetings_with_a_ballot_never_deleted(self):
        meeting = self._meeting()
        motion = self.env["coop.motion"].create(
            {"meeting_id": meeting.id, "name": "Sell the boat", "text": "<p>x</p>"}
        )
        motion.action_open_ballot()
        ballot = motion.ballot_id
        self.assertRpcRefused(self.officer, "coop.motion", "unlink", motion.ids)
        self.assertRpcRefused(self.officer, "coop.meeting", "unlink", meeting.ids)
        self.assertTrue(motion.exists())
        self.assertEqual(ballot.meeting_id, meeting)
        self.assertEqual(motion.state, "voting")

    def test_drafts_and_cancelled_meetings_may_be_deleted(self):
        """The guards refuse only register records: what was never convened
        or put to the vote goes."""
        draft = self._meeting()
        draft_motion = self.env["coop.motion"].create(
            {"meeting_id": draft.id, "name": "Paint it", "text": "<p>x</p>"}
        )
        self.assertTrue(self.rpc(self.officer, "coop.motion", "unlink", draft_motion.ids))
        self.assertTrue(
            self.rpc(
                self.officer, "coop.meeting.agenda.item", "unlink", draft.agenda_item_ids[:1].ids
            )
        )
        cancelled = self._meeting_soon()
        cancelled.action_cancel()
        self.assertTrue(self.rpc(self.officer, "coop.meeting", "unlink", (draft | cancelled).ids))
        self.assertFalse((draft | cancelled).exists())

    def test_ledger_links_restrict_deletion(self):
        """Even past the models' guards (a module's code, SQL), PostgreSQL
        refuses to delete a meeting or motion a resolution stands on."""
        self.env.cr.execute(
            """SELECT a.attname, c.confdeltype
                 FROM pg_constraint c
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
                WHERE c.conrelid = 'coop_resolution'::regclass AND c.contype = 'f'
                  AND a.attname IN ('meeting_id', 'motion_id')"""
        )
        self.assertEqual(dict(self.env.cr.fetchall()), {"meeting_id": "r", "motion_id": "r"})

    def test_agenda_of_a_convened_meeting_is_frozen(self):
        meeting = self._meeting_soon()
        item = meeting.agenda_item_ids[0]
        before = meeting.agenda_item_ids.mapped(lambda i: (i.id, i.name, i.sequence))
        self.assertRpcRefused(
            self.officer,
            "coop.meeting.agenda.item",
            "write",
            item.ids,
            {"name": "Sell the boat"},
            message="can only be changed by its workflow",
        )
        self.assertRpcRefused(
            self.officer,
            "coop.meeting.agenda.item",
            "create",
            {"meeting_id": meeting.id, "name": "Any other business"},
        )
        self.assertRpcRefused(
            self.officer,
            "coop.meeting",
            "write",
            [meeting.id],
            {"agenda_item_ids": [Command.create({"name": "Any other business"})]},
        )
        meeting.invalidate_recordset()
        self.assertEqual(
            meeting.agenda_item_ids.mapped(lambda i: (i.id, i.name, i.sequence)), before
        )
        # the secretary still names presenters and tables the papers
        self.rpc(
            self.officer,
            "coop.meeting.agenda.item",
            "write",
            item.ids,
            {"presenter_id": self.members[0].partner_id.id, "share_with_members": True},
        )
        self.assertEqual(item.presenter_id, self.members[0].partner_id)

    def test_motions_readable_by_members_in_good_standing_only(self):
        meeting = self._held_meeting(present=4)
        motion = self._adopted_motion(meeting)
        self.members[4].action_expel(reason="Sold the co-op's nets")
        answer = self.rpc(
            self.member_user, "coop.motion", "search_read", [], ["name", "decision_note"]
        )
        self.assertEqual([row["id"] for row in answer], motion.ids)
        self.assertEqual(
            self.rpc(self.expelled_user, "coop.motion", "search_read", [], ["decision_note"]), []
        )
        self.assertRpcRefused(
            self.expelled_user, "coop.motion", "read", motion.ids, ["decision_note"]
        )

    def test_meetings_readable_by_members_in_good_standing_only(self):
        meeting = self._held_meeting(present=4)
        self.members[4].action_expel(reason="Sold the co-op's nets")
        for model, ids in (
            ("coop.meeting", meeting.ids),
            ("coop.meeting.agenda.item", meeting.agenda_item_ids.ids),
        ):
            with self.subTest(model=model):
                domain = [("id", "in", ids)]
                self.assertEqual(
                    len(self.rpc(self.member_user, model, "search_read", domain, ["name"])),
                    len(ids),
                )
                self.assertEqual(
                    self.rpc(self.expelled_user, model, "search_read", domain, ["name"]), []
                )
        self.assertRpcRefused(self.expelled_user, "coop.meeting", "read", meeting.ids, ["name"])

    def test_portal_ids_beyond_postgresql_integers_are_not_found(self):
        user = self.portal_users[0]
        meeting = self._meeting_soon()
        self.authenticate(user.login, user.login)
        page = self.url_open(f"/my/governance/meeting/{meeting.id}")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        for huge in ("2147483648", "99999999999", "99999999999999999999", "0"):
            for path in (
                f"/my/governance/meeting/{huge}",
                f"/my/governance/meeting/{huge}/minutes",
                f"/my/governance/meeting/{huge}/document/{huge}",
                f"/my/governance/resolution/{huge}",
            ):
                with self.subTest(path=path):
                    response = self.url_open(path)
                    self.assertEqual(response.status_code, 403)
                    self.assertIn("o_coop_unavailable", response.text)
            with self.subTest(rsvp=huge):
                response = self.url_open(
                    f"/my/governance/meeting/{huge}/rsvp",
                    data={"csrf_token": token, "rsvp": "no"},
                )
                self.assertEqual(response.status_code, 403)
        self.assertEqual(self._attendance(meeting, self.members[0]).state, "invited")
