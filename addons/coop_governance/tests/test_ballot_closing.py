# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
from datetime import timedelta
from unittest.mock import patch

import pytz
from babel import Locale

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.coop_base import coop_time

from .. import ballot_seal
from ..models import coop_ballot
from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestBallotClosing(GovernanceCase, TransactionCase):
    """Closing early needs a recorded decision; mails go through a batched
    cron; the governance cron stops and counts one ballot per run and tells
    an officer what keeps a ballot from closing."""

    def _open(self, **vals):
        ballot = self._ballot(method="yes_no", notify_voters=False, **vals)
        ballot.with_user(self.officer).action_open()
        return ballot

    def _run_governance_cron(self):
        """Call the cron until it has nothing left, as the cron runner does
        (committing after each call); the number of calls."""
        calls = 0
        while self.env["coop.ballot"]._cron_remind_and_close():
            calls += 1
            self.assertLess(calls, 50, "the cron never runs out of work")
        return calls

    def _mails(self, ballot, subject):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "coop.ballot.roll"),
                ("res_id", "in", ballot.roll_ids.ids),
                ("subject", "like", subject),
            ]
        )

    # ------------------------------------------------------------------
    # Closing before the closing time
    # ------------------------------------------------------------------
    def test_early_close_needs_a_recorded_decision(self):
        ballot = self._open()
        for member in self.members[:2]:
            ballot._cast_vote(member, {"choice": "yes"}, "portal")
        officer_ballot = ballot.with_user(self.officer)
        action = officer_ballot.action_close()
        self.assertEqual(
            (action["res_model"], action["context"]["default_ballot_id"]),
            ("coop.ballot.close", ballot.id),
        )
        self.assertEqual(ballot.state, "open", "asking for the reason closes nothing")
        wizard = (
            self.env["coop.ballot.close"]
            .with_user(self.officer)
            .create({"ballot_id": ballot.id, "reason": "   "})
        )
        self.assertEqual((wizard.voted_count, wizard.roll_count), (2, 6))
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_confirm()
        self.assertEqual(ballot.state, "open")
        with self.assertRaisesRegex(UserError, "officers"):
            ballot.with_user(self.teller)._close_early("Tellers do not close ballots.")
        wizard.reason = "The assembly voted to close the poll after the debate."
        wizard.action_confirm()
        self.assertEqual(ballot.state, "counting")
        self.assertEqual(ballot.early_closed_by_id, self.officer)
        self.assertEqual(
            ballot.early_close_reason, "The assembly voted to close the poll after the debate."
        )
        self.assertTrue(
            any("Reason: The assembly voted" in (m.body or "") for m in ballot.message_ids)
        )
        with self.assertRaisesRegex(UserError, "not open"):
            ballot._cast_vote(self.members[3], {"choice": "no"}, "portal")
        self._run_governance_cron()
        self.assertEqual(ballot.state, "closed")
        self.assertEqual(ballot._get_result()["counts"]["yes"], 2)

    def test_no_decision_needed_when_everybody_voted_or_time_is_over(self):
        complete = self._open()
        for member in self.members:
            complete._cast_vote(member, {"choice": "no"}, "portal")
        self.assertTrue(complete.with_user(self.officer).action_close() is True)
        self.assertEqual(complete.state, "counting")
        self.assertFalse(complete.early_close_reason)
        overdue = self._open(date_close=fields.Datetime.now() + timedelta(hours=1))
        later = fields.Datetime.now() + timedelta(hours=2)
        with patch.object(fields.Datetime, "now", return_value=later):
            self.assertTrue(overdue.with_user(self.officer).action_close() is True)
        self.assertEqual(overdue.state, "counting")

    def test_button_asks_for_confirmation(self):
        arch = self.env.ref("coop_governance.coop_ballot_view_form").arch
        self.assertRegex(arch, r'name="action_close"[^>]*confirm="')
        arch = self.env.ref("coop_governance.coop_ballot_close_view_form").arch
        self.assertRegex(arch, r'name="action_confirm"[^>]*confirm="')

    # ------------------------------------------------------------------
    # The governance cron
    # ------------------------------------------------------------------
    def test_cron_stops_and_counts_one_ballot_per_run(self):
        soon = fields.Datetime.now() + timedelta(hours=1)
        ballots = self._open(date_close=soon) | self._open(date_close=soon)
        for ballot in ballots:
            ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        cron = self.env.ref("coop_governance.ir_cron_ballot_remind_and_close")
        later = fields.Datetime.now() + timedelta(hours=2)
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Ballot = self.env["coop.ballot"].with_context(ir_cron_progress_id=progress.id)
        with patch.object(fields.Datetime, "now", return_value=later):
            steps = []
            while Ballot._cron_remind_and_close():
                steps.append((sorted(ballots.mapped("state")), progress.done, progress.remaining))
        self.assertEqual(
            steps,
            [
                (["counting", "open"], 1, 2),
                (["counting", "counting"], 1, 2),
                (["closed", "counting"], 1, 1),
                (["closed", "closed"], 1, 0),
            ],
            "each call stops or counts one ballot, and is committed on its own by the runner",
        )

    def test_unkeyed_papers_tell_an_officer_instead_of_a_silent_skip(self):
        soon = fields.Datetime.now() + timedelta(hours=1)
        papers = self._open(date_close=soon, allow_paper=True)
        other = self._open(date_close=soon)
        for member in self.members[:2]:
            papers._issue_paper(member)
        papers._key_in_paper({"choice": "yes"})
        later = fields.Datetime.now() + timedelta(hours=2)
        with patch.object(fields.Datetime, "now", return_value=later):
            self._run_governance_cron()
            self._run_governance_cron()
        self.assertEqual(other.state, "closed", "one blocked ballot holds up no other")
        self.assertEqual(papers.state, "open")
        self.assertIn("2 paper ballots were issued but 1 keyed in", papers.count_problem)
        activity = papers.activity_ids
        self.assertEqual(len(activity), 1, "told once, not at every run")
        self.assertEqual(activity.user_id, self.officer)
        self.assertIn("2 paper ballots were issued but 1 keyed in", activity.note)
        # the last paper is keyed in after the closing time, then the ballot closes
        with patch.object(fields.Datetime, "now", return_value=later):
            with self.assertRaisesRegex(UserError, "not open"):
                papers._issue_paper(self.members[3])
            papers._key_in_paper({"choice": "no"})
            self._run_governance_cron()
        self.assertEqual(papers.state, "closed")
        self.assertFalse(papers.count_problem)
        self.assertEqual(papers._get_result()["counts"], {"yes": 1, "no": 1, "abstain": 0})

    def test_a_count_that_fails_is_reported_and_kept(self):
        ballot = self._open()
        ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        # the urn's key is missing from the server's key directory
        key_file = ballot_seal.key_path(ballot._key_directory(), ballot._urn_public_key())
        moved = f"{key_file}.elsewhere"
        os.rename(key_file, moved)
        ballot.with_user(self.officer)._close_early("Closing after the key went missing.")
        self._run_governance_cron()
        self.assertEqual(ballot.state, "counting")
        self.assertIn("not on this server", ballot.count_problem)
        self.assertIn("not on this server", ballot.activity_ids.note)
        self.assertEqual(self._urn_count(ballot), 1, "the sealed votes are kept")
        self.assertFalse(ballot.box_entry_ids)
        self.assertEqual(self._run_governance_cron(), 0, "not retried at every run")
        # the key is put back: the officer counts again
        os.rename(moved, key_file)
        ballot.with_user(self.officer).action_retry_count()
        self._run_governance_cron()
        self.assertEqual(ballot.state, "closed")
        self.assertFalse(ballot.count_problem)
        self.assertEqual(ballot._get_result()["counts"]["yes"], 1)

    def test_a_large_roll_is_drawn_by_the_cron(self):
        ballot = self._ballot(method="yes_no", notify_voters=True)
        with patch.object(coop_ballot, "ROLL_FROZEN_IN_REQUEST", 5):
            ballot.with_user(self.officer).action_open()
        self.assertEqual((ballot.state, ballot.roll_count), ("opening", 0))
        self.assertFalse(self.env["coop.ballot.mailing"].search([("ballot_id", "=", ballot.id)]))
        with self.assertRaisesRegex(UserError, "not open"):
            ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        self._run_governance_cron()
        self.assertEqual((ballot.state, ballot.roll_count), ("open", 6))
        self.assertEqual(ballot.opened_by_id, self.officer)
        self.assertTrue(ballot.urn_public_key)
        self.assertTrue(self.env["coop.ballot.mailing"].search([("ballot_id", "=", ballot.id)]))
        ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        self.assertEqual(ballot.voted_count, 1)

    # ------------------------------------------------------------------
    # Mails to the roll, by a batched cron
    # ------------------------------------------------------------------
    def test_opening_and_closing_queue_the_mails_for_a_cron(self):
        ballot = self._ballot(
            method="yes_no", date_close=fields.Datetime.now() + timedelta(hours=10)
        )
        mailing_cron = self.env.ref("coop_governance.ir_cron_ballot_mailings")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", mailing_cron.id)])
        ballot.with_user(self.officer).action_open()
        self.assertFalse(self._mails(ballot, "Vote now"), "no mail is rendered in the request")
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", mailing_cron.id)]),
            triggers + 1,
        )
        Mailing = self.env["coop.ballot.mailing"]
        progress = self.env["ir.cron.progress"].create({"cron_id": mailing_cron.id})
        Mailing = Mailing.with_context(ir_cron_progress_id=progress.id)
        self.assertTrue(Mailing._cron_send(batch_size=4))
        self.assertEqual((progress.done, progress.remaining), (4, 2))
        self.assertEqual(len(self._mails(ballot, "Vote now")), 4)
        while Mailing._cron_send(batch_size=4):
            pass
        opened = self._mails(ballot, "Vote now")
        self.assertEqual(opened.recipient_ids, self.members.partner_id, "each member once")
        # a day before closing: a reminder to those who have not voted
        ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        self._run_governance_cron()
        self.assertTrue(ballot.reminder_sent)
        while Mailing._cron_send(batch_size=4):
            pass
        reminders = self._mails(ballot, "Last day")
        self.assertEqual(reminders.recipient_ids, self.members[1:].partner_id)
        self._run_governance_cron()
        self.assertEqual(len(self._mails(ballot, "Last day")), 5, "reminded once")
        self._close_and_count(ballot)
        self.assertFalse(self._mails(ballot, "Results"))
        while Mailing._cron_send(batch_size=4):
            pass
        results = self._mails(ballot, "Results")
        self.assertEqual(results.recipient_ids, self.members.partner_id)
        self.assertIn(ballot.box_head, results[0].body_html)

    def test_window_shown_in_the_members_time_zone_with_an_absolute_link(self):
        self.coop.coop_tz = "Pacific/Auckland"
        self.members[0].partner_id.tz = "America/Chicago"
        ballot = self._ballot(
            method="yes_no", date_close=fields.Datetime.now() + timedelta(hours=10)
        )
        ballot.action_open()
        self.env["coop.ballot.mailing"]._cron_send()
        mails = self._mails(ballot, "Vote now")
        self.assertEqual(ballot.coop_tz_name, "Pacific/Auckland")
        english = Locale.parse("en_US")
        # a member without a time zone of their own reads the co-op's; one with reads theirs
        for partner, tz_name in (
            (self.members[1].partner_id, "Pacific/Auckland"),
            (self.members[0].partner_id, "America/Chicago"),
        ):
            body = mails.filtered(lambda m, p=partner: p in m.recipient_ids).body_html
            shown = coop_time.member_datetime(ballot.date_close, tz_name, english)
            self.assertIn(shown, body)
            local = pytz.utc.localize(ballot.date_close).astimezone(pytz.timezone(tz_name))
            self.assertNotIn(local.strftime("%H:%M:%S"), body, "no seconds")
            self.assertIn(f'href="{ballot.get_base_url()}/my/governance/ballot/{ballot.id}"', body)
        defaults = self.env["coop.ballot"].with_company(self.coop).default_get(["record_date"])
        self.assertEqual(defaults["record_date"], self.coop._coop_today())
