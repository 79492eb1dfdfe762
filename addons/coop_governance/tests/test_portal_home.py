# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestPortalHome(GovernanceCase, HttpCase):
    """The portal home page and its counters, fetched by the page over JSON,
    for every kind of user who may open ``/my``. The counters of every
    installed addon are asked for, as the page asks for them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other_member = cls.env["coop.membership"].create(
            {"partner_id": cls.outsider.id, "company_id": cls.other_coop.id}
        )
        other_member._coop_admit("member of another co-op")
        cls.other_coop_member = new_test_user(
            cls.env,
            login="gov_other_coop_member",
            groups="base.group_portal",
            partner_id=cls.outsider.id,
            company_id=cls.other_coop.id,
            company_ids=[Command.set(cls.other_coop.ids)],
        )
        cls.non_member, cls.employee = (
            new_test_user(
                cls.env,
                login=login,
                groups=group,
                company_id=cls.coop.id,
                company_ids=[Command.set(cls.coop.ids)],
            )
            for login, group in (
                ("gov_non_member", "base.group_portal"),
                ("gov_employee", "base.group_user"),
            )
        )
        cls.member, cls.director = cls.portal_users

    def setUp(self):
        super().setUp()
        self.meeting = self._meeting()
        self.meeting.action_convene()
        self.ballot = self._ballot(method="yes_no", notify_voters=False)
        self.ballot.action_open()

    def _counters(self, user):
        """GET /my as ``user``, then POST /my/counters with every counter the
        page holds: the answer, with no warning logged."""
        # test users have their login as password (as tours need), the
        # officer of GovernanceCase its own
        password = f"{user.login}-pw-1234" if user == self.officer else user.login
        self.authenticate(user.login, password)
        with self.assertNoLogs("odoo", "WARNING"):
            page = self.url_open("/my")
            self.assertEqual(page.status_code, 200)
            names = set(re.findall(r'data-placeholder_count="([^"]+)"', page.text))
            self.assertIn("governance_count", names)
            # counters of the suite that no card of the page asks for
            names |= {"coop_membership_count"}
            response = self.url_open(
                "/my/counters",
                data=json.dumps({"jsonrpc": "2.0", "params": {"counters": sorted(names)}}),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertNotIn("error", answer, answer.get("error", {}).get("data", {}).get("message"))
        self.assertEqual(set(answer["result"]), names, "every counter is answered")
        for name, value in answer["result"].items():
            self.assertIsInstance(value, int, name)
        return answer["result"]

    def test_counters_for_every_kind_of_user(self):
        self.assertEqual(self._counters(self.member)["governance_count"], 2)
        for user in (self.other_coop_member, self.non_member, self.employee, self.officer):
            with self.subTest(user=user.login):
                self.assertEqual(self._counters(user)["governance_count"], 0)

    def test_counters_count_only_the_users_own_roll_and_register(self):
        board_meeting = self._meeting(body=self.board)
        board_meeting.action_convene()
        self.assertEqual(self._counters(self.director)["governance_count"], 3)
        self.assertEqual(self._counters(self.member)["governance_count"], 3)
        board_meeting.action_cancel()
        self.assertEqual(self._counters(self.member)["governance_count"], 2)

    def test_tour_member_sees_the_cards(self):
        self.start_tour(
            "/my",
            "coop_governance_portal_home",
            login=self.member.login,
        )
