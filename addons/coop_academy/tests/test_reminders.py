from datetime import timedelta

from odoo.tests import TransactionCase, tagged

from .common import AcademyCase


@tagged("post_install", "-at_install", "coop_academy")
class TestReminders(AcademyCase, TransactionCase):
    def test_reminders_batched_once_per_status(self):
        self.req_admission.user_id = self.officer_a
        members = self._admit(self.partners[:5])
        lines = self._assignments(members)
        today = self.coop_a._coop_today()
        # two due within the reminder window, two overdue, one far off
        lines[:2].sudo()._coop_workflow().write({"date_due": today + timedelta(days=3)})
        lines[2:4].sudo()._coop_workflow().write({"date_due": today - timedelta(days=1)})
        Assignment = self.env["coop.academy.assignment"]
        reminded, runs = Assignment.browse(), 0
        while batch := Assignment._cron_refresh_and_remind(batch_size=3):
            self.assertLessEqual(len(batch), 3)
            self.assertFalse(batch & reminded, "a line is reminded once per status")
            reminded |= batch
            runs += 1
        self.assertGreaterEqual(runs, 2)
        self.assertEqual(reminded & lines, lines[:4])
        mails = self.env["mail.mail"].search(
            [("model", "=", "coop.academy.assignment"), ("res_id", "in", lines.ids)]
        )
        self.assertEqual(len(mails), 4)
        self.assertEqual(mails.recipient_ids, self.partners[:4])
        self.assertEqual(lines[2:4].mapped("status"), ["overdue", "overdue"])
        # one follow-up for the requirement's responsible, not one per member
        activities = self.req_admission.activity_ids
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.req_admission.user_id)
        # nothing more to say until a status changes
        self.assertFalse(lines[4].reminded_status)
