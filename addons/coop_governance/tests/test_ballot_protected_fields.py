# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.coop_base.tests.common import JsonRpcCase, new_coop_user

from .common import GovernanceCase

WORKFLOW = "can only be changed by its workflow"


@tagged("post_install", "-at_install")
class TestBallotProtectedFields(GovernanceCase, JsonRpcCase, HttpCase):
    """Forgeries of an open ballot over JSON-RPC, by an officer, a manager and
    an administrator: each is refused and changes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_coop_user(
            cls.env, "gov_manager", "coop_base.group_coop_manager", cls.coop
        )
        cls.admin = new_coop_user(
            cls.env, "gov_ballot_admin", "base.group_system,coop_base.group_coop_manager", cls.coop
        )
        cls.attackers = (cls.officer, cls.manager, cls.admin)

    def _open_ballot(self, **vals):
        ballot = self._ballot(notify_voters=False, **vals)
        ballot.action_open()
        return ballot

    def _state(self, ballot):
        """Everything a forgery could change."""
        ballot.invalidate_recordset()
        ballot.option_ids.invalidate_recordset()
        return (
            ballot.state,
            ballot.result_json,
            ballot.box_head,
            ballot.date_close,
            ballot.hide_results,
            ballot.secret,
            ballot.seats,
            ballot.method,
            ballot.name,
            [(o.id, o.name, o.sequence) for o in ballot.option_ids],
            ballot.roll_count,
            ballot.voted_count,
            self._urn_count(ballot),
        )

    def _refused(self, ballot, user, model, method, *args, **kwargs):
        before = self._state(ballot)
        message = self.assertRpcRefused(user, model, method, *args, **kwargs)
        self.assertEqual(self._state(ballot), before, f"{model}.{method} by {user.login}")
        return message

    def test_forged_count_refused_and_never_decides(self):
        """An officer closed a dissolution ballot with an invented count: the
        three real "no" votes stay in the urn and the motion cannot be decided."""
        meeting = self._meeting()
        motion = self.env["coop.motion"].create(
            {
                "meeting_id": meeting.id,
                "name": "Dissolve the co-op",
                "text": "<p>Resolved: dissolve.</p>",
                "kind": "dissolution",
            }
        )
        motion.action_open_ballot()
        ballot = motion.ballot_id
        ballot.write({"date_close": fields.Datetime.now() + timedelta(days=1)})
        ballot.action_open()
        for member in self.members[:3]:
            ballot._cast_vote(member, {"choice": "no"}, "portal")
        forged = json.dumps({"method": "yes_no", "counts": {"yes": 6, "no": 0, "abstain": 0}})
        for user in self.attackers:
            with self.subTest(user=user.login):
                message = self._refused(
                    ballot,
                    user,
                    "coop.ballot",
                    "write",
                    ballot.ids,
                    {"state": "closed", "result_json": forged, "quorum_reached": True},
                )
                self.assertIn(WORKFLOW, message)
                self._refused(ballot, user, "coop.ballot", "write", ballot.ids, {"state": "closed"})
                self._refused(
                    ballot, user, "coop.ballot", "write", ballot.ids, {"result_json": forged}
                )
        self.assertEqual((ballot.state, ballot.result_json), ("open", False))
        self.assertEqual(self._urn_count(ballot), 3)
        self.assertRpcRefused(
            self.officer, "coop.motion", "action_decide", motion.ids, message="Close the ballot"
        )
        motion.invalidate_recordset()
        self.assertEqual((motion.state, motion.resolution_id.id), ("voting", False))

    def test_no_reopening_or_renamed_options(self):
        """Votes cast for "Red" never elect "Blue"."""
        ballot = self._open_ballot(method="single", options=("Red", "Blue", "Green"))
        ballot._cast_vote(self.members[0], {"choice": self._keys(ballot, "Red")[0]}, "portal")
        red = ballot.option_ids.filtered(lambda o: o.name == "Red")
        for user in self.attackers:
            with self.subTest(user=user.login):
                self._refused(ballot, user, "coop.ballot", "write", ballot.ids, {"state": "draft"})
                self._refused(
                    ballot, user, "coop.ballot.option", "write", red.ids, {"name": "Blue"}
                )
                self._refused(
                    ballot,
                    user,
                    "coop.ballot.option",
                    "write",
                    red.ids,
                    {"sequence": 99},
                )
                self._refused(
                    ballot,
                    user,
                    "coop.ballot",
                    "write",
                    ballot.ids,
                    {"option_ids": [Command.update(red.id, {"name": "Blue"})]},
                )
                self._refused(
                    ballot,
                    user,
                    "coop.ballot.option",
                    "create",
                    [{"ballot_id": ballot.id, "name": "Late candidate"}],
                )
                self._refused(ballot, user, "coop.ballot.option", "unlink", red.ids)
                self._refused(ballot, user, "coop.ballot", "action_open", ballot.ids)
                # the ballot and the name given as context defaults, no values
                self._refused(
                    ballot,
                    user,
                    "coop.ballot.option",
                    "create",
                    [{}],
                    context={"default_ballot_id": ballot.id, "default_name": "Injected"},
                )
        self.assertEqual(red.name, "Red")

    def test_window_and_visibility_frozen_once_open(self):
        ballot = self._open_ballot(method="yes_no")
        later = fields.Datetime.to_string(ballot.date_close + timedelta(days=30))
        forgeries = [
            {"date_close": later},
            {"hide_results": False},
            {"secret": False},
            {"seats": 2},
            {"method": "single"},
            {"majority": "unanimity"},
            {"record_date": "2001-01-01"},
            {"allow_paper": True},
            {"seed": "chosen-by-me"},
            {"name": "Another question"},
            {"date_open": "2001-01-01 00:00:00"},
            {"date_closed": "2001-01-01 00:00:00"},
            {"box_head": "0" * 64},
            {"quorum_reached": True},
            {"state": "counting"},
            {"early_close_reason": "Decided by nobody"},
            {"early_closed_by_id": self.manager.id},
            {"paper_issued_count": 5},
            {"paper_keyed_count": 5},
            {"urn_public_key": "AAAA"},
            {"count_problem": "none"},
        ]
        for user in self.attackers:
            for vals in forgeries:
                with self.subTest(user=user.login, vals=vals):
                    self._refused(ballot, user, "coop.ballot", "write", ballot.ids, vals)
        # the description stays the secretary's to correct while voting runs
        self.rpc(self.officer, "coop.ballot", "write", ballot.ids, {"description": "<p>Typo</p>"})

    def test_closing_early_over_json_rpc_asks_for_the_decision(self):
        ballot = self._open_ballot(method="yes_no")
        ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        before = self._state(ballot)
        action = self.rpc(self.officer, "coop.ballot", "action_close", ballot.ids)
        self.assertEqual(action["res_model"], "coop.ballot.close")
        self.assertEqual(self._state(ballot), before, "nothing closes before the decision")
        self._refused(ballot, self.officer, "coop.ballot", "_close_early", ballot.ids, "x")
        [wizard_id] = self.rpc(
            self.officer,
            "coop.ballot.close",
            "create",
            [{"ballot_id": ballot.id, "reason": "The meeting closed the poll by resolution."}],
        )
        self.rpc(self.officer, "coop.ballot.close", "action_confirm", [wizard_id])
        ballot.invalidate_recordset()
        self.assertEqual((ballot.state, ballot.early_closed_by_id), ("counting", self.officer))

    def test_nobody_creates_a_ballot_in_a_later_state(self):
        count = self.env["coop.ballot"].search_count([])
        for user in self.attackers:
            with self.subTest(user=user.login):
                self.assertRpcRefused(
                    user,
                    "coop.ballot",
                    "create",
                    [
                        {
                            "name": "Pre-closed",
                            "company_id": self.coop.id,
                            "date_close": fields.Datetime.to_string(
                                fields.Datetime.now() + timedelta(days=1)
                            ),
                            "state": "closed",
                            "result_json": "{}",
                        }
                    ],
                    message=WORKFLOW,
                )
        self.assertEqual(self.env["coop.ballot"].search_count([]), count)

    def test_roll_and_box_only_by_the_workflow(self):
        ballot = self._open_ballot(method="yes_no")
        roll = ballot.roll_ids[:1]
        for user in self.attackers:
            with self.subTest(user=user.login):
                self._refused(
                    ballot, user, "coop.ballot.roll", "write", roll.ids, {"vote_count": 1}
                )
                self._refused(
                    ballot,
                    user,
                    "coop.ballot.roll",
                    "create",
                    [
                        {
                            "ballot_id": ballot.id,
                            "company_id": self.coop.id,
                            "membership_id": self.applicant.id,
                            "partner_id": self.applicant.partner_id.id,
                        }
                    ],
                )
                self._refused(ballot, user, "coop.ballot.roll", "unlink", roll.ids)
                self._refused(
                    ballot,
                    user,
                    "coop.ballot.box.entry",
                    "create",
                    [
                        {
                            "ballot_id": ballot.id,
                            "company_id": self.coop.id,
                            "sequence": 1,
                            "content": '{"choice": "yes"}',
                            "receipt_hash": "0" * 64,
                            "chain_hash": "0" * 64,
                        }
                    ],
                )
        self.assertFalse(ballot.box_entry_ids)

    def test_secret_ballot_shows_turnout_only_while_open(self):
        """Comparing live counts before and after each vote would tell every
        secret vote: while voting runs, only turnout is readable."""
        with self.assertRaisesRegex(ValidationError, "only once it is closed"):
            self._ballot(method="yes_no", secret=True, hide_results=False)
        ballot = self._open_ballot(method="single", options=("Red", "Blue"))
        ballot._cast_vote(self.members[0], {"choice": self._keys(ballot, "Red")[0]}, "portal")
        for user in self.attackers:
            with self.subTest(user=user.login):
                [values] = self.rpc(
                    user,
                    "coop.ballot",
                    "read",
                    ballot.ids,
                    ["result_json", "result_html", "elected_option_ids", "voted_count"],
                )
                self.assertFalse(values["result_json"])
                self.assertFalse(values["result_html"])
                self.assertFalse(values["elected_option_ids"])
                self.assertEqual(values["voted_count"], 1)
                groups = self.rpc(
                    user,
                    "coop.ballot.box.entry",
                    "read_group",
                    [("ballot_id", "=", ballot.id)],
                    ["content"],
                    ["content"],
                )
                self.assertEqual(groups, [])
                self.assertRpcRefused(user, "coop.ballot", "_get_result", ballot.ids)
        self.authenticate("fisher_portal_0", "fisher_portal_0")
        page = self.url_open(f"/my/governance/ballot/{ballot.id}").text
        self.assertNotIn("Live count", page)
        self.assertNotIn("o_coop_ballot_result", page)
        for option in ballot.option_ids:
            self.assertIsNone(re.search(rf"{option.name}\s*</td>\s*<td[^>]*>\s*1", page))

    def test_roll_call_ballot_may_show_its_live_count(self):
        ballot = self._open_ballot(method="yes_no", secret=False, hide_results=False)
        ballot._cast_vote(self.members[0], {"choice": "yes"}, "teller")
        [values] = self.rpc(self.officer, "coop.ballot", "read", ballot.ids, ["result_html"])
        self.assertIn("o_coop_ballot_result", values["result_html"])

    def test_quorum_is_the_one_in_force_when_the_ballot_opened(self):
        """A manager lowering the co-op's quorum during the vote does not make
        one vote out of many a decision."""
        ballot = self._open_ballot(method="yes_no")
        required = ballot.quorum_required
        self.assertGreater(required, 1)
        ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        self.rpc(self.manager, "res.company", "write", self.coop.ids, {"coop_quorum_value": 0})
        self._close_and_count(ballot)
        self.assertEqual((ballot.quorum_required, ballot.quorum_reached), (required, False))

    def test_teller_of_another_coop_records_nothing(self):
        """The entry wizard works with its own rights: the teller's co-op is
        checked before it, over JSON-RPC as a teller of another co-op."""
        ballot = self._open_ballot(method="yes_no", secret=False)
        before = self._state(ballot)
        with mute_logger("odoo.http"):  # a refused create is logged
            answer = self.rpc_call(
                self.other_officer,
                "coop.ballot.teller.entry",
                "create",
                [
                    {
                        "ballot_id": ballot.id,
                        "mode": "in_meeting",
                        "membership_id": self.members[0].id,
                        "choice": "no",
                    }
                ],
            )
        if "result" in answer:
            self.assertRpcRefused(
                self.other_officer, "coop.ballot.teller.entry", "action_save", answer["result"]
            )
        self.assertEqual(self._state(ballot), before)
        self.assertFalse(ballot.roll_ids.filtered("vote_count"))
