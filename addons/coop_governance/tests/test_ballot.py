# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta
from unittest.mock import patch

import psycopg2

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .. import ballot_box
from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestBallot(GovernanceCase, TransactionCase):
    def test_open_freezes_roll_of_members_in_good_standing(self):
        ballot = self._ballot()
        ballot.with_user(self.officer).action_open()
        self.assertEqual(ballot.state, "open")
        self.assertEqual(ballot.roll_ids.membership_id, self.members)
        self.assertNotIn(self.applicant, ballot.roll_ids.membership_id)
        # A member admitted after opening is not added: the roll is frozen.
        self.applicant._coop_admit("late admission")
        self.assertEqual(ballot.roll_count, 6)
        with self.assertRaises(UserError):
            ballot.roll_ids[:1].unlink()
        with self.assertRaises(UserError):
            ballot.roll_ids[:1].write({"vote_count": 1})
        with self.assertRaises(UserError):
            self.env["coop.ballot.roll"].create(
                {
                    "ballot_id": ballot.id,
                    "membership_id": self.applicant.id,
                    "company_id": self.coop.id,
                    "partner_id": self.applicant.partner_id.id,
                }
            )
        self.assertEqual(ballot.roll_count, 6)

    def test_board_ballot_roll_is_the_board(self):
        meeting = self._meeting(body=self.board)
        ballot = self._ballot(method="yes_no", meeting_id=meeting.id)
        ballot.action_open()
        self.assertEqual(ballot.roll_ids.membership_id, self.members[:3])

    def test_options_and_rules_locked_after_opening(self):
        ballot = self._ballot()
        ballot.action_open()
        names = ballot.option_ids.mapped("name")
        for change in (
            lambda: ballot.option_ids[:1].write({"name": "Zed"}),
            lambda: ballot.option_ids[:1].unlink(),
            lambda: ballot.write({"option_ids": [Command.create({"name": "Late candidate"})]}),
            lambda: ballot.write({"seats": 2}),
            lambda: ballot.write({"method": "irv"}),
            lambda: ballot.write({"record_date": fields.Date.today() - timedelta(days=3)}),
            lambda: ballot.write({"secret": False}),
        ):
            with self.assertRaises(UserError):
                change()
        self.assertEqual(ballot.option_ids.mapped("name"), names)
        self.assertEqual((ballot.seats, ballot.method, ballot.secret), (1, "stv", True))

    def test_closing_before_opening_refused(self):
        ballot = self._ballot()
        with self.assertRaisesRegex(UserError, "has not been opened"):
            ballot.action_close()
        self.assertEqual(ballot.state, "draft")
        self.assertFalse(ballot.box_entry_ids)

    def test_open_needs_options_future_close_and_officer(self):
        with self.assertRaises(UserError):
            self._ballot(options=("Only one",), seats=1).action_open()
        with self.assertRaises(UserError):
            self._ballot(date_close=fields.Datetime.now() - timedelta(minutes=1)).action_open()
        with self.assertRaisesRegex(UserError, "officers"):
            self._ballot().with_user(self.teller).action_open()

    def test_secret_vote_receipt_and_published_box(self):
        ballot = self._ballot()
        ballots = [("Ana", "Ben"), ("Ben", "Ana", "Cleo"), ("Cleo",), ("Ana", "Dev")]
        ballot.action_open()
        receipts = [
            ballot._cast_vote(member, {"ranking": self._keys(ballot, *names)}, "portal")
            for member, names in zip(self.members, ballots, strict=False)
        ]
        self.assertEqual(len(set(receipts)), 4)
        self.assertEqual(ballot.voted_count, 4)
        self.assertEqual(self._urn_count(ballot), 4)
        # Nothing in the urn points back at the roll in a secret ballot.
        self.env.cr.execute(
            "SELECT count(*) FROM coop_ballot_urn WHERE ballot_id = %s AND roll_id IS NOT NULL",
            [ballot.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertFalse(ballot.box_entry_ids, "nothing is published while voting runs")

        self._close_and_count(ballot.with_user(self.officer))
        self.assertEqual(ballot.state, "closed")
        self.assertEqual(self._urn_count(ballot), 0)
        entries = ballot.box_entry_ids
        self.assertEqual(len(entries), 4)
        self.assertFalse(entries.roll_id)
        self.assertEqual(
            len(set(entries.mapped("create_date"))), 1, "one timestamp for the whole box"
        )
        self.assertEqual(len(set(entries.mapped("create_uid"))), 1)
        self.assertEqual(
            entries.sorted("id").mapped("receipt_hash"), sorted(entries.mapped("receipt_hash"))
        )
        box = ballot._get_published_box()
        self.assertEqual(ballot_box.verify_box(box), ballot.box_head)
        self.assertEqual(ballot_box.recount(box), ballot._get_result())
        for code in receipts:
            self.assertTrue(ballot._check_receipt(code))
        self.assertFalse(ballot._check_receipt(ballot_box.new_receipt_code()))
        self.assertIn(ballot.box_head, ballot.result_html)
        ballot.action_recount()
        for message in ballot.message_ids:
            for content in ballots:
                self.assertNotIn(json.dumps(self._keys(ballot, *content)), message.body or "")

    def test_roll_call_ballot_records_who_voted_what(self):
        ballot = self._ballot(method="single", secret=False)
        ballot.action_open()
        ballot._cast_vote(self.members[0], {"choice": self._keys(ballot, "Ben")[0]}, "teller")
        self._close_and_count(ballot)
        entry = ballot.box_entry_ids
        self.assertEqual(entry.voter_id, self.members[0].partner_id)
        self.assertEqual(json.loads(entry.content), {"choice": self._keys(ballot, "Ben")[0]})
        # one vote of the roll: the count names Ben, but without its quorum
        # the ballot elects nobody
        self.assertEqual(ballot._get_result()["elected"], self._keys(ballot, "Ben"))
        self.assertFalse(ballot.quorum_reached)
        self.assertFalse(ballot.elected_option_ids)

    def test_bad_votes_change_nothing(self):
        ballot = self._ballot(method="irv", require_full_ranking=True)
        ballot.action_open()
        ana, ben, cleo, dev = self._keys(ballot, "Ana", "Ben", "Cleo", "Dev")
        full = {"ranking": [ana, ben, cleo, dev]}
        bad = [
            (self.members[0], {"ranking": [ana, ana, ben, cleo]}, "more than once"),
            (self.members[0], {"ranking": [ana, ben]}, "no.*gaps"),
            (self.members[0], {"ranking": [ana, ben, cleo, "999"]}, "not on this ballot"),
            (self.members[0], {"choice": "yes"}, "Rank at least one"),
            (self.applicant, full, "not on the roll"),
        ]
        for membership, content, message in bad:
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                ballot._cast_vote(membership, content, "portal")
        self.assertEqual(ballot.voted_count, 0)
        self.assertEqual(self._urn_count(ballot), 0)
        ballot._cast_vote(self.members[0], full, "portal")
        with self.assertRaisesRegex(UserError, "already voted"):
            ballot._cast_vote(self.members[0], full, "portal")
        with self.assertRaisesRegex(UserError, "channel"):
            ballot._cast_vote(self.members[1], full, "paper")
        self.assertEqual((ballot.voted_count, self._urn_count(ballot)), (1, 1))

    def test_vote_outside_window(self):
        draft = self._ballot(method="yes_no")
        with self.assertRaisesRegex(UserError, "not open"):
            draft._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        ballot = self._ballot(method="yes_no")
        ballot.action_open()
        later = fields.Datetime.now() + timedelta(days=3)
        with (
            patch.object(fields.Datetime, "now", return_value=later),
            self.assertRaisesRegex(UserError, "not open"),
        ):
            ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        ballot._cast_vote(self.members[1], {"choice": "no"}, "portal")
        self._close_and_count(ballot)
        with self.assertRaisesRegex(UserError, "not open"):
            ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        self.assertEqual(ballot.voted_count, 1)

    def test_database_enforces_one_vote_per_roll_entry(self):
        ballot = self._ballot(method="yes_no")
        ballot.action_open()
        roll = ballot.roll_ids[:1]
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE coop_ballot_roll SET vote_count = 2 WHERE id = %s", [roll.id]
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "INSERT INTO coop_ballot_roll "
                "(ballot_id, company_id, membership_id, partner_id, vote_count) "
                "VALUES (%s, %s, %s, %s, 0)",
                [ballot.id, self.coop.id, roll.membership_id.id, roll.partner_id.id],
            )

    def test_closed_ballot_and_box_immutable(self):
        ballot = self._ballot(method="yes_no")
        ballot.action_open()
        ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        self._close_and_count(ballot)
        result, head = ballot.result_json, ballot.box_head
        for change in (
            lambda: ballot.write({"name": "Renamed"}),
            lambda: ballot.write({"result_json": "{}"}),
            lambda: ballot.sudo().write({"box_head": "0"}),
            lambda: ballot.unlink(),
            lambda: ballot.box_entry_ids.write({"content": '{"choice": "no"}'}),
            lambda: ballot.box_entry_ids.sudo().unlink(),
            lambda: ballot.action_close(),
        ):
            with self.assertRaises(UserError):
                change()
        self.assertEqual(
            (ballot.result_json, ballot.box_head, ballot.name), (result, head, "Ballot yes_no")
        )
        self.assertEqual(json.loads(ballot.box_entry_ids.content), {"choice": "yes"})

    def test_stv_election_result_and_quorum(self):
        ballot = self._ballot(seats=2)
        ballot.action_open()
        rankings = [("Ana", "Ben"), ("Ana", "Cleo"), ("Ana", "Ben"), ("Ben",), ("Cleo", "Ben")]
        for member, names in zip(self.members, rankings, strict=False):
            ballot._cast_vote(member, {"ranking": self._keys(ballot, *names)}, "portal")
        self._close_and_count(ballot)
        result = ballot._get_result()
        self.assertEqual(result["quota"], 2)
        self.assertEqual(ballot.elected_option_ids.mapped("name"), ["Ana", "Ben"])
        self.assertEqual(ballot.quorum_required, 3)
        self.assertTrue(ballot.quorum_reached)
        self.assertIn("o_coop_rounds", ballot.result_html)
        # the published box reads with option names
        self.assertIn("Ana > Ben", ballot.box_entry_ids.mapped("content_display"))

    def test_overview_shows_open_ballots_with_turnout(self):
        ballot = self._ballot(method="yes_no", name="Buy the boat")
        ballot.action_open()
        ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        self.coop.invalidate_recordset()
        self.assertEqual(self.coop.coop_open_ballot_count, 1)
        self.assertIn("Buy the boat: 1 of 6 voted", self.coop.coop_overview_governance)
        action = self.coop.action_coop_overview_ballots()
        self.assertEqual(self.env["coop.ballot"].search(action["domain"]), ballot)

    def test_ballot_without_quorum_elects_nobody(self):
        ballot = self._ballot(seats=2)
        ballot.action_open()
        ballot._cast_vote(self.members[0], {"ranking": self._keys(ballot, "Ana", "Ben")}, "portal")
        self._close_and_count(ballot)
        self.assertFalse(ballot.quorum_reached)
        # the count is published for the record, but it decides nothing
        self.assertEqual(len(ballot._get_result()["elected"]), 2)
        self.assertFalse(ballot.elected_option_ids)
        html = str(ballot.result_html)
        self.assertIn("Quorum not reached", html)
        self.assertNotIn("Elected", html)

    def test_paper_ballots_issue_and_key_in(self):
        ballot = self._ballot(method="yes_no", allow_paper=True)
        ballot.action_open()
        wizard = self.env["coop.ballot.teller.entry"].with_user(self.teller)
        wizard.create(
            {"ballot_id": ballot.id, "mode": "issue_paper", "membership_id": self.members[0].id}
        ).action_save()
        with self.assertRaisesRegex(UserError, "already voted"):
            wizard.create(
                {"ballot_id": ballot.id, "mode": "issue_paper", "membership_id": self.members[0].id}
            ).action_save()
        with self.assertRaisesRegex(UserError, "issue a paper ballot"):
            wizard.create(
                {
                    "ballot_id": ballot.id,
                    "mode": "in_meeting",
                    "membership_id": self.members[1].id,
                    "choice": "no",
                }
            ).action_save()
        with self.assertRaisesRegex(UserError, "1 paper ballots were issued but 0 keyed in"):
            ballot.action_close()
        entry = wizard.create({"ballot_id": ballot.id, "mode": "key_paper", "choice": "yes"})
        action = entry.action_save()
        self.assertFalse(entry.exists(), "a recorded entry is deleted")
        self.assertEqual(action["params"]["next"]["context"]["default_mode"], "key_paper")
        with self.assertRaisesRegex(UserError, "already been keyed"):
            wizard.create(
                {"ballot_id": ballot.id, "mode": "key_paper", "choice": "no"}
            ).action_save()
        self.assertEqual((ballot.paper_issued_count, ballot.paper_keyed_count), (1, 1))
        self._close_and_count(ballot)
        self.assertEqual(ballot._get_result()["counts"], {"yes": 1, "no": 0, "abstain": 0})

    def test_teller_keys_a_ranking_by_the_numbers_shown(self):
        ballot = self._ballot(allow_paper=True)
        ballot.action_open()
        wizard = self.env["coop.ballot.teller.entry"].with_user(self.teller)
        wizard.create(
            {"ballot_id": ballot.id, "mode": "issue_paper", "membership_id": self.members[0].id}
        ).action_save()
        entry = wizard.create({"ballot_id": ballot.id, "mode": "key_paper", "ranking": "3 > 1"})
        self.assertEqual(entry.option_legend, "1. Ana  ·  2. Ben  ·  3. Cleo  ·  4. Dev")
        entry.action_save()
        self._close_and_count(ballot)
        self.assertEqual(ballot.box_entry_ids.content_display, "Cleo > Ana")

    def test_lost_paper_ballot_recorded_so_the_ballot_can_close(self):
        ballot = self._ballot(method="yes_no", allow_paper=True)
        ballot.action_open()
        wizard = self.env["coop.ballot.teller.entry"].with_user(self.teller)
        for member in self.members[:2]:
            wizard.create(
                {"ballot_id": ballot.id, "mode": "issue_paper", "membership_id": member.id}
            ).action_save()
        wizard.create({"ballot_id": ballot.id, "mode": "key_paper", "choice": "no"}).action_save()
        with self.assertRaisesRegex(UserError, "Say what happened"):
            wizard.create({"ballot_id": ballot.id, "mode": "lost_paper"}).action_save()
        wizard.create(
            {"ballot_id": ballot.id, "mode": "lost_paper", "lost_reason": "Torn by the member"}
        ).action_save()
        self.assertIn("Torn by the member", ballot.message_ids[0].body)
        # nothing more is outstanding: neither a key-in nor another loss
        for values in (
            {"mode": "key_paper", "choice": "yes"},
            {"mode": "lost_paper", "lost_reason": "x"},
        ):
            with self.assertRaisesRegex(UserError, "already"):
                wizard.create({"ballot_id": ballot.id, **values}).action_save()
        self.assertEqual(
            (ballot.paper_issued_count, ballot.paper_keyed_count, ballot.paper_lost_count),
            (2, 1, 1),
        )
        # the counter is the workflow's: no caller sets it
        with self.assertRaises(UserError):
            ballot.sudo().write({"paper_lost_count": 0})
        self._close_and_count(ballot)
        self.assertEqual(ballot.voted_count, 2, "the member of the lost paper voted")
        self.assertEqual(ballot._get_result()["counts"], {"yes": 0, "no": 1, "abstain": 0})

    def test_open_ballot_query_count_does_not_grow_with_roll(self):
        ballot = self._ballot(method="yes_no", notify_voters=False)
        # Warm the caches with another opening first.
        self._ballot(method="yes_no", notify_voters=False).action_open()
        with self.assertQueryCount(__system__=15):
            ballot.action_open()
        self.assertEqual(ballot.roll_count, 6)

    def test_results_hidden_until_close_unless_chosen(self):
        hidden = self._ballot(method="yes_no")
        hidden.action_open()
        hidden._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        self.assertEqual(hidden._get_result(), {})
        self.assertFalse(hidden.result_html)
        live = self._ballot(method="yes_no", secret=False, hide_results=False)
        live.action_open()
        live._cast_vote(self.members[0], {"choice": "no"}, "portal")
        self.assertEqual(live._get_result()["counts"]["no"], 1)

    def test_multi_company_and_teller_access(self):
        ballot = self._ballot(method="yes_no", secret=True)
        ballot.action_open()
        ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        self.assertFalse(
            self.env["coop.ballot"].with_user(self.other_officer).search([("id", "=", ballot.id)])
        )
        with self.assertRaises(AccessError):
            ballot.with_user(self.other_officer).check_access("read")
        # A teller sees who voted, never what: the roll has no content and the
        # urn is not a model anyone can read.
        roll = ballot.with_user(self.teller).roll_ids
        self.assertEqual(roll.filtered("has_voted").membership_id, self.members[0])
        self.assertNotIn("content", roll._fields)
        with self.assertRaises(AccessError):
            ballot.with_user(self.teller).write({"name": "Renamed by a teller"})
        self._close_and_count(ballot)
        entries = ballot.with_user(self.teller).box_entry_ids
        self.assertEqual(len(entries), 1)
        self.assertFalse(entries.voter_id)

    def test_teller_reaches_the_ballots_but_not_the_member_register(self):
        visible = self.env["ir.ui.menu"].with_user(self.teller)._visible_menu_ids()
        self.assertIn(self.env.ref("coop_base.menu_coop_root").id, visible)
        self.assertIn(self.env.ref("coop_governance.menu_coop_ballot").id, visible)
        self.assertNotIn(self.env.ref("coop_base.menu_coop_membership").id, visible)
