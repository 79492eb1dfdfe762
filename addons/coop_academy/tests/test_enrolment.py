import json
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.coop_base.tests.common import JsonRpcCase

from .common import AcademyCase


@tagged("post_install", "-at_install", "coop_academy")
class TestEnrolment(AcademyCase, JsonRpcCase, HttpCase):
    def test_admission_enrols_with_deadline_and_completion_satisfies(self):
        membership = self._admit(self.partners[0])
        line = self._assignments(membership)
        self.assertEqual(line.requirement_id, self.req_admission, "seat rules not applied")
        self.assertEqual(line.date_due, membership.admission_date + timedelta(days=60))
        self.assertEqual(line.status, "due")
        self.assertIn(self.partners[0], self.foundations.sudo().channel_partner_ids.partner_id)
        self._complete(self.partners[0], self.foundations)
        self.assertEqual(line.status, "done")
        self.assertEqual(line.date_done, membership.company_id._coop_today())
        self.assertFalse(line.date_expiry, "a requirement without validity never expires")

    def test_seat_creates_deadline_overdue_until_certified(self):
        director = self._admit(self.partners[1])
        seat = self.rpc(
            self.officer_a,
            "coop.body.seat",
            "create",
            {"body_id": self.board.id, "membership_id": director.id, "role": "director"},
        )
        line = self._assignments(director, self.req_seat)
        self.assertEqual(line.seat_id.id, seat)
        self.assertEqual(line.date_due, line.date_start + timedelta(days=90))
        # the deadline passes: the daily cron marks it overdue
        line.sudo()._coop_workflow().write({"date_due": line.date_start - timedelta(days=1)})
        self.env["coop.academy.assignment"]._cron_refresh_and_remind()
        self.assertEqual(line.status, "overdue")
        self._complete(self.partners[1], self.board_duties)
        self.assertEqual(line.status, "done")
        self.assertEqual(
            line.date_expiry, line.date_done + relativedelta(years=2) - timedelta(days=1)
        )

    def test_completed_before_the_seat_counts(self):
        director = self._admit(self.partners[2])
        self._complete(self.partners[2], self.foundations)
        self.env["slide.channel"].browse(self.board_duties.ids).sudo()._action_add_members(
            self.partners[2]
        )
        self._complete(self.partners[2], self.board_duties)
        self.env["coop.body.seat"].create(
            {"body_id": self.board.id, "membership_id": director.id, "role": "treasurer"}
        )
        self.assertEqual(self._assignments(director, self.req_seat).status, "done")

    def test_seat_for_overdue_member_warns_or_refuses(self):
        member = self._admit(self.partners[3])
        line = self._assignments(member, self.req_admission)
        line.sudo()._coop_workflow().write({"date_due": line.date_start - timedelta(days=1)})
        line._coop_refresh_status()
        self.assertEqual(line.status, "overdue")
        # warn (the default): the seat is taken, the body's chatter says why to watch
        seat = self.env["coop.body.seat"].create(
            {"body_id": self.board.id, "membership_id": member.id, "role": "member"}
        )
        self.assertIn("overdue", self.board.message_ids[0].body)
        seat.unlink()
        self.coop_a.coop_academy_seat_policy = "refuse"
        seats_before = self.board.seat_ids
        self.assertRpcRefused(
            self.officer_a,
            "coop.body.seat",
            "create",
            {"body_id": self.board.id, "membership_id": member.id, "role": "director"},
            message="training is overdue or expired",
        )
        self.assertEqual(self.board.seat_ids, seats_before)

    def test_members_only_course_refuses_a_non_member(self):
        outsider = self.partners[4]
        with self.assertRaisesRegex(UserError, "for members only"):
            self.foundations.sudo()._action_add_members(outsider)
        self.assertNotIn(outsider, self.foundations.sudo().channel_partner_ids.partner_id)
        # through the portal's own door: joining the course
        user = self._portal_user(outsider)
        self.authenticate(user.login, f"{user.login}-pw-1234")
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/slides/channel/join",
                data=json.dumps({"jsonrpc": "2.0", "params": {"channel_id": self.foundations.id}}),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 200)
        self.assertIn("for members only", response.json()["error"]["data"]["message"])
        self.assertNotIn(outsider, self.foundations.sudo().channel_partner_ids.partner_id)

    def test_certification_retaken_after_expiry_renews(self):
        director = self._admit(self.partners[5])
        self.env["coop.body.seat"].create(
            {"body_id": self.board.id, "membership_id": director.id, "role": "director"}
        )
        line = self._assignments(director, self.req_seat)
        self._complete(self.partners[5], self.board_duties)
        today = self.coop_a._coop_today()
        # two years and a day later
        line.sudo()._coop_workflow().write(
            {"date_done": today - timedelta(days=800), "date_expiry": today - timedelta(days=70)}
        )
        self.env["coop.academy.assignment"]._cron_refresh_and_remind()
        self.assertEqual(line.status, "expired")
        attendance = self.board_duties.sudo().channel_partner_all_ids.filtered(
            lambda a: a.partner_id == self.partners[5]
        )
        self.assertEqual(attendance.completion, 0, "the course opens again for the renewal")
        self._complete(self.partners[5], self.board_duties)
        self.assertEqual(line.status, "done")
        self.assertEqual(line.date_done, today)
        self.assertGreater(line.date_expiry, today + timedelta(days=700))
