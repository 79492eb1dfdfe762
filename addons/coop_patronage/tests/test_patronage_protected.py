# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.coop_shares.tests.common import CoopSharesRpcCommon

from .common import ALLOCATED_ON, END, YEAR, CoopPatronageCommon


@tagged("post_install", "-at_install")
class TestPatronageProtected(CoopPatronageCommon, CoopSharesRpcCommon, HttpCase):
    """Through JSON-RPC, as a co-op manager: the workflow's fields stay shut."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._invoice(cls.alice, [(cls.tool, 100)])
        cls.period = cls.env["coop.patronage.period"].create(
            {
                "name": "Patronage",
                "company_id": cls.coop.id,
                "date_from": f"{YEAR}-01-01",
                "date_to": END,
                "date": ALLOCATED_ON,
                "surplus": 1000.0,
                "override_reason": "Members only",
            }
        )
        cls.period.action_compute()
        cls.period.action_post()

    def test_manager_cannot_write_results(self):
        manager = self.rpc_manager
        for values in (
            {"state": "draft"},
            {"pool_amount": 5000.0},
            {"move_ids": [(5, 0, 0)]},
            {"posted_allocation_id": 0},
        ):
            self.assertRpcRefused(
                manager, "coop.patronage.period", "write", self.period.ids, values
            )
        allocation = self.period.allocation_ids[0]
        self.assertRpcRefused(
            manager, "coop.patronage.allocation", "write", allocation.ids, {"retained_amount": 1e6}
        )
        self.assertRpcRefused(manager, "coop.patronage.allocation", "unlink", allocation.ids)
        line = self.period.capital_line_ids[0]
        self.assertRpcRefused(
            manager, "coop.capital.account.line", "write", line.ids, {"amount": 1e6}
        )
        self.assertRpcRefused(manager, "coop.capital.account.line", "unlink", line.ids)
        self.assertRpcRefused(
            manager,
            "coop.capital.account.line",
            "create",
            {
                "company_id": self.coop.id,
                "membership_id": self.alice.id,
                "partner_id": self.alice.partner_id.id,
                "date": str(END),
                "year": YEAR,
                "operation": "allocation",
                "amount": 1e6,
            },
        )
        # a posted period is neither deleted nor rewritten
        self.assertRpcRefused(
            manager, "coop.patronage.period", "unlink", self.period.ids, message="reverse it"
        )
        self.assertRpcRefused(
            manager, "coop.patronage.period", "write", self.period.ids, {"surplus": 9e6}
        )
        self.assertRpcRefused(
            manager,
            "coop.patronage.period",
            "create",
            {
                "name": "x",
                "date_from": "2030-01-01",
                "date_to": "2030-12-31",
                "date": "2031-01-01",
                "state": "posted",
            },
        )
        self.period.invalidate_recordset()
        self.assertEqual(self.period.state, "posted")
        self.assertEqual(self.period.surplus, 1000.0)
        self.assertEqual(sum(self.period.capital_line_ids.mapped("amount")), 520.0)

    def test_officer_reads_but_does_not_allocate(self):
        for method in ("action_post", "action_reverse", "action_reset_to_draft"):
            self.assertRpcRefused(
                self.rpc_officer, "coop.patronage.period", method, self.period.ids
            )
        # the members' tax identification numbers are the managers'
        self.assertRpcRefused(
            self.rpc_officer, "coop.patronage.period", "action_export_1099_patr", self.period.ids
        )
        self.assertFalse(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "coop.patronage.period"), ("res_id", "=", self.period.id)]
            )
        )
        self.assertRpcRefused(
            self.rpc_officer, "coop.patronage.period", "action_compute", self.period.ids
        )
        self.assertRpcRefused(
            self.rpc_officer, "coop.capital.redemption.wizard", "create", {"max_year": YEAR}
        )
        rows = self.rpc(
            self.rpc_officer, "coop.capital.account.line", "search_read", [], fields=["amount"]
        )
        self.assertEqual(len(rows), 1)
