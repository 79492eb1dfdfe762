# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import CoopSharesRpcCommon


@tagged("post_install", "-at_install")
class TestShareProtectedFields(CoopSharesRpcCommon, HttpCase):
    """The forgeries of the issue, over JSON-RPC as each role: refused, nothing changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice = cls._membership("Alice Holder")

    def setUp(self):
        super().setUp()
        # an invoiced subscription of the portal member, and a submitted redemption
        self.invoiced = self._approve(self._request(self.portal_membership, self.member_class, 1))
        self._issue(self.alice, self.member_class, 4)
        self.redemption = self._request(self.alice, self.member_class, 1, request_type="redemption")

    def _refused(self, user, model, method, *args, message=None, **kwargs):
        before = self._request_snapshot()
        text = self.assertRpcRefused(user, model, method, *args, message=message, **kwargs)
        self.assertEqual(self._request_snapshot(), before, f"{user.login}: nothing changed")
        return text

    def _certificate_messages(self):
        return self.env["mail.message"].search_count(
            [("model", "=", "coop.share.request"), ("message_type", "=", "comment")]
        )

    def test_forged_done_request_sends_no_certificate(self):
        terms = {
            "request_type": "subscription",
            "membership_id": self.portal_membership.id,
            "company_id": self.coop.id,
            "class_id": self.member_class.id,
        }
        forged = {
            "state": "done",
            "approved_by_id": self.rpc_manager.id,
            "approval_date": "2024-01-01",
            "certificate_to_send": True,
        }
        for user in self.rpc_users:
            with self.subTest(user=user.login):
                self._refused(
                    user, "coop.share.request", "create", [{**terms, "quantity": 500, **forged}]
                )
                # each workflow field alone
                for name, value in (
                    *forged.items(),
                    ("name", "SHR/FORGED"),
                    ("request_date", "2020-01-01"),
                    ("requested_by_id", self.rpc_portal.id),
                    ("amount", 1.0),
                ):
                    self._refused(
                        user,
                        "coop.share.request",
                        "create",
                        [{**terms, "quantity": 1, name: value}],
                    )
        messages = self._certificate_messages()
        self.env["coop.share.request"]._cron_send_certificates()
        self.assertEqual(self._certificate_messages(), messages, "no certificate was sent")

    def test_default_state_in_the_context_is_ignored(self):
        """A context default is as easy to send as a value: it never sets a workflow field."""
        request_id = self.rpc(
            self.rpc_officer,
            "coop.share.request",
            "create",
            [
                {
                    "membership_id": self.alice.id,
                    "company_id": self.coop.id,
                    "class_id": self.member_class.id,
                    "quantity": 2,
                }
            ],
            context={
                "default_state": "done",
                "default_approved_by_id": self.rpc_manager.id,
                "default_certificate_to_send": True,
                "default_name": "FORGED",
            },
        )[0]
        request = self.env["coop.share.request"].browse(request_id)
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.approved_by_id)
        self.assertFalse(request.certificate_to_send)
        self.assertNotEqual(request.name, "FORGED")

    def test_rewound_invoiced_request_issues_what_was_invoiced(self):
        for user in self.rpc_users[1:]:
            for vals in (
                {"state": "submitted"},
                {"quantity": 50},
                {"state": "invoiced", "quantity": 50},
                {"class_id": self.investor_class.id},
                {"amount": 2500.0},
                {"move_id": False},
                {"membership_id": self.alice.id},
            ):
                with self.subTest(user=user.login, vals=vals):
                    self._refused(user, "coop.share.request", "write", self.invoiced.ids, vals)
        # the document still issues exactly what it was approved and paid for
        self._pay(self.invoiced.move_id)
        self.assertEqual(self.invoiced.state, "done")
        self.assertEqual(self.invoiced.line_ids.quantity, 1)
        self.assertRegisterMatchesLedger()

    def test_related_fields_do_not_write_through(self):
        for vals in (
            {"unit_value": 1.0},
            {"payment_state": "paid"},
            {"move_name": "INV/FORGED"},
            {"partner_id": self.alice.partner_id.id},
        ):
            with self.subTest(vals=vals):
                self._refused(self.admin, "coop.share.request", "write", self.invoiced.ids, vals)
        self.assertEqual(self.member_class.nominal_value, 50)
        self.assertEqual(self.invoiced.move_id.payment_state, "not_paid")

    def test_forged_approved_redemption_is_not_counted(self):
        forged = {
            "request_type": "redemption",
            "membership_id": self.alice.id,
            "company_id": self.coop.id,
            "class_id": self.member_class.id,
            "quantity": 4,
            "state": "approved",
            "approval_date": str(self.today()),
        }
        for user in self.rpc_users:
            with self.subTest(user=user.login):
                self._refused(user, "coop.share.request", "create", [forged])
                self._refused(
                    user,
                    "coop.share.request",
                    "write",
                    self.redemption.ids,
                    {"state": "approved", "approval_date": str(self.today())},
                )
        committed = self.env["coop.share.request"].search_count(
            [("request_type", "=", "redemption"), ("state", "!=", "submitted")]
        )
        self.assertEqual(committed, 0, "nothing counts against the yearly limit")

    def test_backdated_redemption_keeps_its_notice(self):
        long_ago = str(self.today() - timedelta(days=400))
        for user in self.rpc_users:
            with self.subTest(user=user.login):
                self._refused(
                    user,
                    "coop.share.request",
                    "write",
                    self.redemption.ids,
                    {"request_date": long_ago},
                )
        self.assertEqual(self.redemption.request_date, self.today())
        with self.assertRaises(UserError) as refusal:
            self._approve(self.redemption)
        self.assertIn("notice", str(refusal.exception))

    def test_portal_member_moves_no_workflow(self):
        portal = self.rpc_portal
        for method in ("action_cancel", "action_reject"):
            with self.subTest(method=method):
                self._refused(
                    portal,
                    "coop.share.request",
                    method,
                    self.invoiced.ids,
                    reason="changed my mind",
                )
        for method in ("action_submit", "action_approve", "action_send_certificate"):
            with self.subTest(method=method):
                self._refused(portal, "coop.share.request", method, self.invoiced.ids)
        self._refused(portal, "coop.share.request", "unlink", self.invoiced.ids)
        # nor their own draft: the portal submits through its controller
        draft = self.env["coop.share.request"].create(
            {
                "membership_id": self.portal_membership.id,
                "company_id": self.coop.id,
                "class_id": self.member_class.id,
                "quantity": 1,
            }
        )
        self._refused(portal, "coop.share.request", "action_submit", draft.ids)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(self.invoiced.state, "invoiced")
        self.assertEqual(self.invoiced.move_id.state, "posted")

    def test_register_entries_are_born_of_the_workflow_only(self):
        entry = {
            "name": "SR-FORGED",
            "company_id": self.coop.id,
            "membership_id": self.portal_membership.id,
            "class_id": self.member_class.id,
            "quantity": 500,
            "unit_value": 50,
            "amount": 25000,
            "operation": "issue",
        }
        for user in self.rpc_users:
            with self.subTest(user=user.login):
                # the old context flag is only a string now
                self._refused(
                    user,
                    "coop.share.line",
                    "create",
                    [entry],
                    context={"coop_share_posting": True, "coop_workflow": True},
                )
        # nor through the request's list of entries
        self._refused(
            self.admin,
            "coop.share.request",
            "write",
            self.invoiced.ids,
            {"line_ids": [(0, 0, entry)]},
        )

    def test_share_class_keeps_what_its_entries_rely_on(self):
        equity = self._equity_account("301900", "Other capital")
        product = self.investor_class.product_id
        self._refused(
            self.admin,
            "coop.share.class",
            "write",
            self.member_class.ids,
            {"product_id": product.id},
            message="workflow",
        )
        for vals in ({"nominal_value": 10.0}, {"equity_account_id": equity.id}):
            with self.subTest(vals=vals):
                self._refused(self.admin, "coop.share.class", "write", self.member_class.ids, vals)
        self.assertEqual(self.member_class.nominal_value, 50)
        self.assertEqual(self.member_class.equity_account_id, self.equity_member)
        self.assertNotEqual(self.member_class.product_id, product)

    def test_a_move_pointing_to_a_request_is_not_its_document(self):
        """An invoice of 1.00 linked to the request by hand does not pay for its shares."""
        move_id = self.rpc(
            self.rpc_accountant,
            "account.move",
            "create",
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": self.portal_membership.partner_id.id,
                    "coop_share_request_id": self.invoiced.id,
                    "invoice_line_ids": [(0, 0, {"name": "cheap shares", "price_unit": 1.0})],
                }
            ],
        )[0]
        move = self.env["account.move"].browse(move_id)
        move.action_post()
        self._pay(move)
        self.assertEqual(self.invoiced.state, "invoiced")
        self.assertFalse(self.invoiced.line_ids)

    def test_the_workflow_still_runs_over_json_rpc(self):
        request_id = self.rpc(
            self.rpc_officer,
            "coop.share.request",
            "create",
            [
                {
                    "membership_id": self.alice.id,
                    "company_id": self.coop.id,
                    "class_id": self.member_class.id,
                    "quantity": 2,
                }
            ],
        )[0]
        self.rpc(self.rpc_officer, "coop.share.request", "write", [request_id], {"quantity": 3})
        self.rpc(self.rpc_officer, "coop.share.request", "action_submit", [request_id])
        # submitted: the terms are fixed
        self._refused(
            self.rpc_officer, "coop.share.request", "write", [request_id], {"quantity": 4}
        )
        self.rpc(self.rpc_manager, "coop.share.request", "action_approve", [request_id])
        request = self.env["coop.share.request"].browse(request_id)
        self.assertEqual((request.state, request.quantity), ("invoiced", 3))
        self.assertEqual(request.approved_by_id, self.rpc_manager)
        self.rpc(
            self.rpc_officer,
            "coop.share.request",
            "action_cancel",
            [request_id],
            reason="filed twice",
        )
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(request.move_id.state, "cancel")
