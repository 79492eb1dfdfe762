from odoo.tests import HttpCase, tagged

from odoo.addons.coop_base.tests.common import JsonRpcCase, new_coop_user

from .common import AcademyCase


@tagged("post_install", "-at_install", "coop_academy")
class TestAcademySecurity(AcademyCase, JsonRpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls._admit(cls.partners[:2])
        cls.member_b = cls._admit(cls.partners[2], company=cls.coop_b)
        cls.lines = cls.env["coop.academy.assignment"].search(
            [("membership_id", "in", cls.members.ids)]
        )

    def test_officer_of_another_coop_sees_nothing(self):
        found = self.rpc(
            self.officer_b, "coop.academy.assignment", "search_read", [], ["membership_id"]
        )
        self.assertFalse({row["id"] for row in found} & set(self.lines.ids))
        self.assertRpcRefused(
            self.officer_b, "coop.academy.assignment", "read", self.lines.ids, ["status"]
        )
        self.assertRpcRefused(
            self.officer_b, "coop.academy.requirement", "read", self.req_seat.ids, ["name"]
        )
        # nor a course of co-op A; the network's course is everybody's
        courses = self.rpc(self.officer_b, "slide.channel", "search_read", [], ["name"])
        names = {row["name"] for row in courses}
        self.assertNotIn("Board Duties", names)
        self.assertIn("Foundations", names)
        self.assertIn("Hilltop Tenancy", names)

    def test_officer_reads_the_matrix(self):
        found = self.rpc(
            self.officer_a,
            "coop.academy.assignment",
            "search_read",
            [("status", "=", "due")],
            ["membership_id", "status"],
        )
        self.assertEqual({row["id"] for row in found}, set(self.lines.ids))

    def test_matrix_written_by_its_workflow_only(self):
        line = self.lines[0]
        for user in (self.officer_a, self.manager_a):
            self.assertRpcRefused(
                user, "coop.academy.assignment", "write", line.ids, {"status": "done"}
            )
            self.assertRpcRefused(
                user,
                "coop.academy.assignment",
                "create",
                {
                    "requirement_id": self.req_admission.id,
                    "membership_id": self.members[0].id,
                    "status": "done",
                },
            )
            self.assertRpcRefused(user, "coop.academy.assignment", "unlink", line.ids)
        # sudo and administrators included
        with self.assertRaisesRegex(Exception, "only be changed by its workflow"):
            line.sudo().write({"status": "done", "date_done": "2026-01-01"})
        self.assertEqual(line.status, "due")

    def test_completion_date_written_by_the_course_only(self):
        teacher = new_coop_user(
            self.env,
            "acad_teacher",
            "website_slides.group_website_slides_officer",
            self.coop_a,
        )
        attendance = self.foundations.sudo().channel_partner_all_ids.filtered(
            lambda a: a.partner_id == self.partners[0]
        )
        self.assertRpcRefused(
            teacher,
            "slide.channel.partner",
            "write",
            attendance.ids,
            {"coop_completed_date": "2026-01-01"},
            message="only be changed by its workflow",
        )
        self.assertFalse(attendance.coop_completed_date)
        self.assertEqual(self.lines[0].status, "due")

    def test_member_sees_own_progress_only(self):
        user = self._portal_user(self.partners[0])
        found = self.rpc(user, "coop.academy.assignment", "search_read", [], ["status"])
        self.assertEqual(
            {row["id"] for row in found},
            set(self.lines.filtered(lambda a: a.partner_id == self.partners[0]).ids),
        )
        other = self.lines.filtered(lambda a: a.partner_id == self.partners[1])
        self.assertRpcRefused(user, "coop.academy.assignment", "read", other.ids, ["status"])
        self.assertRpcRefused(
            user, "coop.academy.assignment", "write", found[0]["id"], {"status": "done"}
        )

    def test_requirement_bad_input(self):
        count = self.env["coop.academy.requirement"].search_count([])
        self.assertRpcRefused(
            self.manager_a,
            "coop.academy.requirement",
            "create",
            {"name": "Theirs", "company_id": self.coop_a.id, "channel_id": self.course_b.id},
            message="is a course of Hilltop Housing Co-op",
        )
        self.assertRpcRefused(
            self.manager_a,
            "coop.academy.requirement",
            "create",
            {
                "name": "Negative",
                "company_id": self.coop_a.id,
                "channel_id": self.board_duties.id,
                "validity_months": -12,
            },
            message="cannot be negative",
        )
        self.assertRpcRefused(
            self.manager_a,
            "coop.academy.requirement",
            "write",
            self.req_seat.ids,
            {"days_due": -1},
            message="cannot be negative",
        )
        self.assertEqual(self.env["coop.academy.requirement"].search_count([]), count)
        self.assertEqual(self.req_seat.days_due, 90)
        # officers follow the matrix; the rules are the managers'
        self.assertRpcRefused(
            self.officer_a,
            "coop.academy.requirement",
            "write",
            self.req_seat.ids,
            {"days_due": 10},
        )
        self.assertRpcRefused(
            self.officer_a,
            "coop.academy.requirement",
            "action_assign_current_members",
            self.req_admission.ids,
        )
