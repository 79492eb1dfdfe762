# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.coop_base.tests.common import new_coop_user

from .common import CoopSharesRpcCommon


@tagged("post_install", "-at_install")
class TestShareSeparationOfDuties(CoopSharesRpcCommon, HttpCase):
    """Nobody decides on their own membership's requests, whoever filed them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a manager who is also a member, and one who works for a member company
        cls.member_manager = new_coop_user(
            cls.env, "member_manager", "coop_base.group_coop_manager", cls.coop
        )
        cls.own_membership = cls.env["coop.membership"].create(
            {"partner_id": cls.member_manager.partner_id.id, "company_id": cls.coop.id}
        )
        cls.own_membership._coop_admit("Founding member")
        cls.member_company = cls.env["res.partner"].create(
            {"name": "Bakers Ltd", "is_company": True, "email": "bakers@example.com"}
        )
        cls.company_membership = cls.env["coop.membership"].create(
            {"partner_id": cls.member_company.id, "company_id": cls.coop.id}
        )
        cls.company_membership._coop_admit("Founding member")
        cls.employee_manager = new_coop_user(
            cls.env, "employee_manager", "coop_base.group_coop_manager", cls.coop
        )
        cls.employee_manager.partner_id.parent_id = cls.member_company
        cls.alice = cls._membership("Alice Holder")

    def _refused_decision(self, user, request, method, **kwargs):
        before = self._request_snapshot()
        self.assertRpcRefused(
            user, "coop.share.request", method, request.ids, message="your own membership", **kwargs
        )
        self.assertEqual(self._request_snapshot(), before)

    def test_manager_does_not_approve_their_own_membership_s_request(self):
        # filed by an officer: who filed it does not matter
        request = self._request(self.own_membership, self.member_class, 2)
        self.assertEqual(request.requested_by_id, self.officer)
        self._refused_decision(self.member_manager, request, "action_approve")
        self._refused_decision(self.member_manager, request, "action_reject", reason="no")
        self.assertEqual(request.state, "submitted")
        self.rpc(self.rpc_manager, "coop.share.request", "action_approve", request.ids)
        self.assertEqual(request.state, "invoiced")
        self.assertEqual(request.approved_by_id, self.rpc_manager)

    def test_contact_of_a_member_company_does_not_decide_for_it(self):
        request = self._request(self.company_membership, self.member_class, 1)
        self._refused_decision(self.employee_manager, request, "action_approve")
        self.assertEqual(request.state, "submitted")

    def test_nor_on_a_transfer_to_themselves(self):
        self._issue(self.alice, self.member_class, 3)
        transfer = self._request(
            self.alice,
            self.member_class,
            1,
            request_type="transfer",
            target_partner_id=self.member_manager.partner_id,
        )
        self._refused_decision(self.member_manager, transfer, "action_approve")
        self.assertEqual(self._holding(self.own_membership, self.member_class), 0)

    def test_the_member_manager_decides_for_others(self):
        request = self._request(self.alice, self.member_class, 1)
        self.rpc(self.member_manager, "coop.share.request", "action_approve", request.ids)
        self.assertEqual(request.state, "invoiced")

    def test_manager_does_not_reverse_their_own_entries(self):
        request = self._issue(self.own_membership, self.member_class, 2)
        line = request.line_ids
        before = self._request_snapshot()
        self.assertRpcRefused(
            self.member_manager,
            "coop.share.line",
            "action_reverse",
            line.ids,
            message="your own membership",
        )
        self.assertEqual(self._request_snapshot(), before)
        self.rpc(self.rpc_manager, "coop.share.line", "action_reverse", line.ids)
        self.assertTrue(line.reversal_line_ids)
