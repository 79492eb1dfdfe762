# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import BaseCase, HttpCase, tagged

from odoo.addons.coop_base.tests.common import JsonRpcCase

from .. import meeting_rules
from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestMeetingTimeRules(BaseCase):
    def test_opening_margin(self):
        start = datetime(2030, 1, 15, 18, 0)
        self.assertEqual(meeting_rules.earliest_opening(start, 60), datetime(2030, 1, 15, 17, 0))
        self.assertFalse(meeting_rules.can_open(datetime(2030, 1, 15, 16, 59), start, 60))
        self.assertTrue(meeting_rules.can_open(datetime(2030, 1, 15, 17, 0), start, 60))
        self.assertTrue(meeting_rules.can_open(datetime(2030, 1, 16, 9, 0), start, 60))
        self.assertFalse(meeting_rules.can_open(datetime(2030, 1, 15, 17, 59), start, 0))
        self.assertFalse(meeting_rules.can_open(datetime(2030, 1, 15, 17, 59), start, -30))

    def test_days_of_notice(self):
        self.assertEqual(meeting_rules.days_of_notice(date(2030, 1, 2), date(2030, 1, 15)), 13)
        self.assertEqual(meeting_rules.days_of_notice(date(2029, 12, 31), date(2030, 1, 14)), 14)


@tagged("post_install", "-at_install")
class TestMeetingSchedule(GovernanceCase, JsonRpcCase, HttpCase):
    """When a meeting may be convened and opened, on the co-op's clock, and
    its notices sent after the convening request."""

    def setUp(self):
        super().setUp()
        # notices of meetings convened before the test (demo data) go first
        self.env["coop.meeting.attendance"]._cron_send_meeting_notices(batch_size=100_000)

    def _mails(self, meeting):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "coop.meeting.attendance"),
                ("res_id", "in", meeting.attendance_ids.ids),
            ]
        )

    def test_meeting_convened_for_later_cannot_be_opened_now(self):
        meeting = self._meeting(days=30)
        meeting.action_convene()
        message = self.assertRpcRefused(
            self.officer, "coop.meeting", "action_start", [meeting.id], message="not before"
        )
        self.assertIn(meeting._coop_format(meeting.date_start), message)
        meeting.invalidate_recordset()
        self.assertEqual(meeting.state, "convened")
        # members gather shortly before the announced time
        soon = self._meeting_soon(minutes=50)
        self.rpc(self.officer, "coop.meeting", "action_start", [soon.id])
        soon.invalidate_recordset()
        self.assertEqual(soon.state, "held")
        # the margin is the co-op's
        self.coop.coop_meeting_opening_margin = 15
        later = self._meeting_soon(minutes=50)
        self.assertRpcRefused(self.officer, "coop.meeting", "action_start", [later.id])
        self.coop.coop_meeting_opening_margin = 90
        self.rpc(self.officer, "coop.meeting", "action_start", [later.id])

    def test_notice_and_eligibility_on_the_coops_calendar(self):
        # UTC+14 all year: 10:30 UTC is already the next day there
        self.coop.coop_tz = "Pacific/Kiritimati"
        with freeze_time("2030-01-01 10:30:00"):
            self.assertEqual(self.coop._coop_today(), date(2030, 1, 2))
            # 09:00 UTC on the 15th is 23:00 on the 15th there: 13 days of
            # notice on the co-op's calendar (14 by the UTC dates)
            short = self._meeting(date_start=datetime(2030, 1, 15, 9, 0))
            with self.assertRaisesRegex(UserError, "only 13 remain"):
                short.action_convene()
            # 11:00 UTC on the 15th is the 16th there
            meeting = self._meeting(date_start=datetime(2030, 1, 15, 11, 0))
            self.assertEqual(meeting._coop_day(), date(2030, 1, 16))
            self.assertEqual(meeting.notice_deadline, date(2030, 1, 2))
            # suspended from the 16th: not entitled to attend on the 16th
            self.members[5].action_suspend(reason="Unpaid fees", date=date(2030, 1, 16))
            meeting.action_convene()
            self.assertEqual(meeting.attendance_ids.membership_id, self.members[:5])
        with freeze_time("2030-01-15 09:30:00"):
            # told in the co-op's time: 11:00 UTC is 01:00 on the 16th there
            with self.assertRaisesRegex(UserError, "Jan 16, 2030, 1:00:00"):
                meeting.action_start()
        with freeze_time("2030-01-15 10:00:00"):
            meeting.action_start()
        self.assertEqual(meeting.state, "held")

    def test_convening_queues_the_notices_for_a_batched_cron(self):
        meeting = self._meeting()
        cron = self.env.ref("coop_governance.ir_cron_meeting_notices")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self.rpc(self.officer, "coop.meeting", "action_convene", [meeting.id])
        meeting.invalidate_recordset()
        self.assertEqual(meeting.state, "convened")
        self.assertFalse(self._mails(meeting), "no notice is rendered in the request")
        self.assertEqual(meeting.attendance_ids.mapped("notice_pending"), [True] * 6)
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers + 1
        )
        Attendance = self.env["coop.meeting.attendance"]
        self.assertEqual(len(Attendance._cron_send_meeting_notices(batch_size=4)), 4)
        self.assertEqual(len(self._mails(meeting)), 4)
        self.assertEqual(len(Attendance._cron_send_meeting_notices(batch_size=4)), 2)
        self.assertFalse(Attendance._cron_send_meeting_notices(batch_size=4))
        notices = self._mails(meeting)
        self.assertEqual(notices.recipient_ids, self.members.partner_id, "one notice each")
        self.assertIn("Accounts", notices[0].body_html)
        self.assertFalse(meeting.attendance_ids.filtered("notice_pending"))

    def test_notices_of_a_cancelled_meeting_are_not_sent(self):
        meeting = self._meeting()
        meeting.action_convene()
        meeting.action_cancel()
        self.assertFalse(self.env["coop.meeting.attendance"]._cron_send_meeting_notices())
        self.assertFalse(self._mails(meeting))

    def test_opening_margin_is_not_negative(self):
        with self.assertRaisesRegex(ValidationError, "zero minutes or more"):
            self.coop.coop_meeting_opening_margin = -10
