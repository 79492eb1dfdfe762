# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestPortalBallotInput(GovernanceCase, HttpCase):
    """Whatever a member's browser sends to the ballot routes: a clear
    message, no HTTP 500, and no vote recorded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.voter = cls.portal_users[0]
        cls.ballots = {
            method: cls.env["coop.ballot"].create(
                {
                    "name": f"Input {method}",
                    "company_id": cls.coop.id,
                    "method": method,
                    "notify_voters": False,
                    "date_close": fields.Datetime.now() + timedelta(days=1),
                    "option_ids": [
                        Command.create({"name": name, "sequence": index})
                        for index, name in enumerate(("Alpha", "Beta", "Gamma"))
                    ],
                }
            )
            for method in ("irv", "approval", "yes_no")
        }
        for ballot in cls.ballots.values():
            ballot.action_open()

    def setUp(self):
        super().setUp()
        self.authenticate(self.voter.login, self.voter.login)
        page = self.url_open(f"/my/governance/ballot/{self.ballots['irv'].id}").text
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _post(self, ballot, route, message, **data):
        """POST ``data`` to a route of ``ballot``: refused with ``message``,
        nothing recorded."""
        response = self.url_open(
            f"/my/governance/ballot/{ballot.id}/{route}",
            data={"csrf_token": self.token, **data},
        )
        self.assertEqual(response.status_code, 200, response.text[-2000:])
        self.assertIn("o_coop_error", response.text)
        self.assertIn(message, response.text)
        if route == "cast":
            # the confirmation page's script takes the same checks
            result = self.make_jsonrpc_request(
                f"/my/governance/ballot/{ballot.id}/cast/json",
                {key: value for key, value in data.items() if key in ("voter_id", "content")},
            )
            self.assertEqual(list(result), ["error"])
            self.assertIn(message, result["error"])
        self.assertEqual(ballot.voted_count, 0)
        self.assertEqual(self._urn_count(ballot), 0)
        return response

    def test_script_cast_answers_the_receipt_box_once(self):
        ballot = self.ballots["yes_no"]
        url = f"/my/governance/ballot/{ballot.id}/cast/json"
        params = {"voter_id": str(self.members[0].id), "content": '{"choice": "yes"}'}
        # warm the caches (templates, rules) on another ballot first
        approval = self.ballots["approval"]
        warm = self.make_jsonrpc_request(
            f"/my/governance/ballot/{approval.id}/cast/json",
            {
                "voter_id": params["voter_id"],
                "content": json.dumps({"choices": [str(approval.option_ids[0].id)]}),
            },
        )
        self.assertIn("receipt_html", warm)
        before = self.cr.sql_log_count
        result = self.make_jsonrpc_request(url, params)
        # the lean path stays lean: no page, no layout (a whole page costs twice as many)
        self.assertLessEqual(self.cr.sql_log_count - before, 19)
        receipt = re.search(r'<code class="o_coop_receipt">([^<]+)</code>', result["receipt_html"])
        self.assertTrue(receipt, result)
        self.assertNotIn("<html", result["receipt_html"], "the box alone, not a page")
        self.assertEqual(ballot.voted_count, 1)
        self.assertEqual(self._urn_count(ballot), 1)
        again = self.make_jsonrpc_request(url, params)
        self.assertIn("already voted", again["error"])
        self.assertEqual((ballot.voted_count, self._urn_count(ballot)), (1, 1))
        # a ballot that is not the member's (none, or of nobody's co-op) is refused alike
        for ballot_id in (99999999999999999999, 2147483647):
            with self.subTest(ballot_id=ballot_id):
                refused = self.make_jsonrpc_request(
                    f"/my/governance/ballot/{ballot_id}/cast/json", params
                )
                self.assertEqual(refused, {"error": "This ballot is not open to you."})

    def test_voter_id_that_is_not_a_member_of_the_form(self):
        ballot = self.ballots["yes_no"]
        for voter_id in ("abc", "", "-1", "1.5", "99999999999999999999", str(self.members[3].id)):
            for route, data in (
                ("confirm", {"choice": "yes"}),
                ("cast", {"content": '{"choice": "yes"}'}),
            ):
                with self.subTest(voter_id=voter_id, route=route):
                    self._post(
                        ballot,
                        route,
                        "You cannot vote for this member",
                        voter_id=voter_id,
                        **data,
                    )

    def test_content_that_is_not_a_vote(self):
        ballot = self.ballots["irv"]
        voter = str(self.members[0].id)
        alpha = str(ballot.option_ids[0].id)
        contents = {
            "not json": "{ranking: [",
            "deeply nested": "[" * 100_000 + "]" * 100_000,
            "deeply nested in the vote": '{"ranking": ' + "[" * 5000 + "]" * 5000 + "}",
            "too long": json.dumps({"ranking": [alpha] * 20_000}),
            "a huge number": '{"ranking": [' + "9" * 5000 + "]}",
            "a number too big for an id": '{"ranking": [99999999999999999999]}',
            "an unknown option": '{"ranking": ["999999"]}',
            "a list": f'["{alpha}"]',
            "the wrong kind of vote": '{"choice": "yes"}',
            "a nested option": json.dumps({"ranking": [[alpha]]}),
        }
        messages = {
            "an unknown option": "A ranked option is not on this ballot",
            "a number too big for an id": "A ranked option is not on this ballot",
            "a nested option": "A ranked option is not on this ballot",
            "the wrong kind of vote": "Rank at least one option",
        }
        for name, content in contents.items():
            with self.subTest(content=name):
                self._post(
                    ballot,
                    "cast",
                    messages.get(name, "The ballot content is not readable"),
                    voter_id=voter,
                    content=content,
                )

    def test_approval_content_of_the_wrong_shape(self):
        ballot = self.ballots["approval"]
        voter = str(self.members[0].id)
        for content, message in (
            ('{"choices": 5}', "not readable"),
            ('{"choices": "abc"}', "not readable"),
            ('{"choices": {"a": 1}}', "not readable"),
            ('{"choices": ["1", "1"]}', "approved twice"),
            ('{"choices": []}', "Approve at least one option"),
        ):
            with self.subTest(content=content):
                self._post(ballot, "cast", message, voter_id=voter, content=content)

    def test_ranks_from_the_form(self):
        ballot = self.ballots["irv"]
        voter = str(self.members[0].id)
        alpha, beta = (str(option.id) for option in ballot.option_ids[:2])
        for ranks, message in (
            ({f"rank_{alpha}": "abc"}, "whole numbers"),
            ({f"rank_{alpha}": "9" * 5000}, "whole numbers"),
            ({f"rank_{alpha}": "99999999999999999999"}, "without gaps"),
            ({f"rank_{alpha}": "1", f"rank_{beta}": "1"}, "Rank 1 is given to more than one"),
            ({"rank_999999": "1"}, "not on this ballot"),
            ({"rank_abc": "1"}, "not on this ballot"),
            ({}, "Rank at least one option"),
        ):
            with self.subTest(ranks=ranks):
                self._post(ballot, "confirm", message, voter_id=voter, **ranks)

    def test_unknown_ballots_and_receipts(self):
        for path, status in (
            # no such ballot: the page that says so
            ("/my/governance/ballot/99999999999999999999", 403),
            ("/my/governance/ballot/2147483648", 403),
            # a box not published yet
            (f"/my/governance/ballot/{self.ballots['irv'].id}/box.json", 404),
        ):
            with self.subTest(path=path):
                self.assertEqual(self.url_open(path).status_code, status)
        ballot = self.ballots["yes_no"]
        self._post(ballot, "verify", "once the ballot box is published", receipt="x" * 100_000)

    def test_a_ballot_being_counted_takes_no_vote(self):
        ballot = self.ballots["yes_no"]
        ballot._close_early("Closed for the test.")
        page = self.url_open(f"/my/governance/ballot/{ballot.id}").text
        self.assertIn("o_coop_counting", page)
        self.assertNotIn('name="voter_id"', page)
        self._post(
            ballot,
            "cast",
            "is not open for voting now",
            voter_id=str(self.members[0].id),
            content='{"choice": "yes"}',
        )
