# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from .common import GovernanceCase

KANBAN_FIELDS = {
    "name": {},
    "date_start": {},
    "state": {},
    "present_count": {},
    "represented_count": {},
    "quorum_required": {},
    "quorum_reached": {},
    "quorum_progress": {},
}


@tagged("post_install", "-at_install")
class TestMeetingScreens(GovernanceCase, TransactionCase):
    def _kanban_queries(self, meetings):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        records = self.env["coop.meeting"].web_search_read(
            [("id", "in", meetings.ids)], KANBAN_FIELDS
        )["records"]
        return self.env.cr.sql_log_count - before, records

    def test_kanban_quorum_gauge_for_every_card_in_one_go(self):
        held = self._held_meeting(present=2)
        more = held
        for _index in range(4):
            more |= self._meeting_soon()
        few, _records = self._kanban_queries(held)
        many, records = self._kanban_queries(more)
        self.assertEqual(many, few, "the quorum gauge costs no query per card")
        card = next(record for record in records if record["id"] == held.id)
        self.assertEqual(card["present_count"], 2)
        self.assertEqual(card["quorum_progress"], min(100, 2 * 100 // held.quorum_required))
        self.assertEqual(card["quorum_reached"], held.quorum_required <= 2)

    def test_attendance_register_of_a_large_assembly(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Assembly Member {index:03d}"} for index in range(500)]
        )
        crowd = self.env["coop.membership"].create(
            [{"partner_id": partner.id, "company_id": self.coop.id} for partner in partners]
        )
        crowd._coop_admit("founding")
        meeting = self._meeting_soon()
        meeting.action_start()
        self.assertGreaterEqual(meeting.eligible_count, 500)
        action = meeting.action_open_attendance()
        self.assertEqual(action["res_model"], "coop.meeting.attendance")
        search_view = self.env.ref("coop_governance.coop_meeting_attendance_view_search")
        self.assertEqual(action["search_view_id"][0], search_view.id)
        Attendance = self.env["coop.meeting.attendance"]
        wanted = crowd[321]

        def find(text):
            # the search view's "Member" field: name or member number
            return Attendance.search(
                action["domain"]
                + [
                    "|",
                    ("partner_id", "ilike", text),
                    ("membership_id.member_number", "ilike", text),
                ]
            )

        line = find("Assembly Member 321")
        self.assertEqual(line.membership_id, wanted)
        self.assertEqual(find(wanted.member_number), line)
        before = meeting.present_count
        line.action_check_in()
        self.assertEqual(line.state, "present")
        self.assertEqual(meeting.present_count, before + 1)
