# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.coop_base.tests.common import JsonRpcCase

from .common import GovernanceCase

# what the attendance list reads for each row
LIST_SPEC = {
    "meeting_state": {},
    "membership_id": {"fields": {"display_name": {}}},
    "rsvp": {},
    "state": {},
    "proxy_holder_id": {"fields": {"display_name": {}}},
}


@tagged("post_install", "-at_install")
class TestAttendanceDesk(GovernanceCase, JsonRpcCase, HttpCase):
    """The secretary's desk at a large assembly, used as the web client uses
    it: the search view's own domains, the list's own fields, the check-in
    buttons called over JSON-RPC by an officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partners = cls.env["res.partner"].create(
            [{"name": f"Assembly Member {index:03d}"} for index in range(500)]
        )
        cls.crowd = cls.env["coop.membership"].create(
            [{"partner_id": partner.id, "company_id": cls.coop.id} for partner in partners]
        )
        cls.crowd._coop_admit("founding")
        cls.search_arch = etree.fromstring(
            cls.env["coop.meeting.attendance"].get_views(
                [(False, "search")],
            )["views"]["search"]["arch"]
        )

    def _typed(self, text):
        """The domain the search view builds when ``text`` is typed as a member."""
        (member,) = self.search_arch.xpath("//field[@name='partner_id']")
        return safe_eval(member.get("filter_domain"), {"self": text})

    def _filter(self, name):
        (node,) = self.search_arch.xpath(f"//filter[@name='{name}']")
        return safe_eval(node.get("domain"))

    def _page(self, meeting, domain=()):
        """The queries and rows of one page of the meeting's attendance list."""
        domain = meeting.action_open_attendance()["domain"] + list(domain)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        lines = self.env["coop.meeting.attendance"].search(domain, limit=80)
        rows = lines.web_read(LIST_SPEC)
        return self.env.cr.sql_log_count - before, rows

    def test_a_page_of_500_members_costs_what_a_page_of_6_does(self):
        small = self._meeting_soon(body=self.board)
        small.action_start()
        large = self._meeting_soon()
        large.action_start()
        self.assertGreaterEqual(large.eligible_count, 500)
        few, rows = self._page(small)
        self.assertEqual(len(rows), small.eligible_count)
        many, rows = self._page(large)
        self.assertEqual(len(rows), 80)
        self.assertEqual(many, few, "no query per row of the attendance list")
        # a search by name or number among the 500 costs no more either
        wanted = self.crowd[321]
        by_name, rows = self._page(large, self._typed("member 321"))
        self.assertEqual([row["membership_id"]["id"] for row in rows], wanted.ids)
        self.assertEqual(by_name, few)
        _queries, rows = self._page(large, self._typed(wanted.member_number))
        self.assertIn(wanted.id, [row["membership_id"]["id"] for row in rows])

    def test_check_in_by_an_officer_until_the_meeting_closes(self):
        meeting = self._meeting_soon()
        meeting.action_start()
        wanted = self.crowd[42]
        # the officer finds the member as the search view does, over JSON-RPC
        domain = meeting.action_open_attendance()["domain"] + self._typed("member 042")
        rows = self.rpc(
            self.officer, "coop.meeting.attendance", "web_search_read", domain, LIST_SPEC
        )["records"]
        self.assertEqual([row["membership_id"]["id"] for row in rows], wanted.ids)
        line = self.env["coop.meeting.attendance"].browse(rows[0]["id"])
        self.rpc(self.officer, "coop.meeting.attendance", "action_check_in", line.ids)
        self.assertEqual(line.state, "present")
        self.assertEqual(meeting.present_count, 1)
        present = meeting.action_open_attendance()["domain"] + self._filter("present")
        self.assertEqual(self.env["coop.meeting.attendance"].search(present), line)
        self.rpc(self.officer, "coop.meeting.attendance", "action_check_out", line.ids)
        self.assertEqual(line.state, "absent")
        absent = meeting.action_open_attendance()["domain"] + self._filter("absent")
        self.assertEqual(self.env["coop.meeting.attendance"].search(absent), line)
        self.rpc(self.officer, "coop.meeting.attendance", "action_check_in", line.ids)
        other = self._attendance(meeting, self.crowd[43])
        meeting.action_close()
        # the register of a closed meeting is history: nobody comes or goes
        before = sorted(meeting.attendance_ids.mapped(lambda a: (a.id, a.state)))
        for method, target in (("action_check_in", other), ("action_check_out", line)):
            with self.subTest(method=method):
                self.assertRpcRefused(
                    self.officer,
                    "coop.meeting.attendance",
                    method,
                    target.ids,
                    message="while the meeting is in session",
                )
        self.assertEqual(sorted(meeting.attendance_ids.mapped(lambda a: (a.id, a.state))), before)
        self.assertEqual((line.state, other.state), ("present", "absent"))
