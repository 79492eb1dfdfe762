from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.coop_base.tests.common import JsonRpcCase

from .common import AcademyCase


@tagged("post_install", "-at_install", "coop_academy")
class TestCandidacy(AcademyCase, JsonRpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls._admit(cls.partners[:4])
        cls.ballot = cls.env["coop.ballot"].create(
            {
                "name": "Board election",
                "company_id": cls.coop_a.id,
                "method": "stv",
                "seats": 1,
                "date_close": fields.Datetime.now() + timedelta(days=7),
            }
        )
        cls.ballot.body_id = cls.env["coop.body"].create(
            {"name": "Assembly", "kind": "general_assembly", "company_id": cls.coop_a.id}
        )

    def _stand(self, membership):
        return {
            "ballot_id": self.ballot.id,
            "name": membership.partner_id.name,
            "membership_id": membership.id,
        }

    def test_candidate_without_certification_refused(self):
        # the election fills board seats: its candidacy rule is the board's
        self.req_candidacy.body_kind = False
        message = self.assertRpcRefused(
            self.officer_a,
            "coop.ballot.option",
            "create",
            self._stand(self.members[0]),
            message="cannot stand",
        )
        self.assertIn("Board Duties", message)
        self.assertFalse(self.ballot.option_ids)
        # also by putting an existing option's candidate in
        option = self.rpc(
            self.officer_a,
            "coop.ballot.option",
            "create",
            {"ballot_id": self.ballot.id, "name": "Open seat"},
        )
        self.assertRpcRefused(
            self.officer_a,
            "coop.ballot.option",
            "write",
            [option],
            {"membership_id": self.members[0].id},
            message="cannot stand",
        )
        self.assertFalse(self.env["coop.ballot.option"].browse(option).membership_id)

    def test_certified_candidate_stands(self):
        self.req_candidacy.body_kind = False
        self.board_duties.sudo()._action_add_members(self.partners[1])
        self._complete(self.partners[1], self.board_duties)
        option = self.rpc(
            self.officer_a, "coop.ballot.option", "create", self._stand(self.members[1])
        )
        self.assertTrue(option)

    def test_expired_certification_refused_at_opening(self):
        self.req_candidacy.body_kind = False
        for membership in self.members[1:3]:
            self.board_duties.sudo()._action_add_members(membership.partner_id)
            self._complete(membership.partner_id, self.board_duties)
        self.env["coop.ballot.option"].create(
            [self._stand(self.members[1]), self._stand(self.members[2])]
        )
        # the certification lapses before the ballot opens
        attendance = self.board_duties.sudo().channel_partner_all_ids.filtered(
            lambda a: a.partner_id == self.partners[1]
        )
        attendance._coop_workflow().coop_completed_date = fields.Date.today() - timedelta(days=800)
        self.assertRpcRefused(
            self.officer_a, "coop.ballot", "action_open", [self.ballot.id], message="cannot stand"
        )
        self.assertEqual(self.ballot.state, "draft")

    def test_rule_applies_to_its_kind_of_body(self):
        # the candidacy rule is for the board: an assembly question is not a candidacy for it
        option = self.rpc(
            self.officer_a, "coop.ballot.option", "create", self._stand(self.members[3])
        )
        self.assertTrue(option)
