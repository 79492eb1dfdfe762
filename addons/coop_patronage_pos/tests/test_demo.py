# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPosDemo(TransactionCase):
    def test_consumer_coop_closed_its_till_year(self):
        coop = self.env.ref("coop_base.demo_coop", raise_if_not_found=False)
        config = self.env["pos.config"].search([("name", "=", "Green Valley Store")])
        if not coop or not config:
            self.skipTest("installed without demo data")
        orders = self.env["pos.order"].search([("config_id", "=", config.id)])
        self.assertTrue(orders)
        self.assertEqual(set(orders.mapped("state")), {"done"})
        period = self.env["coop.patronage.period"].search(
            [("company_id", "=", coop.id), ("name", "like", "(till)")]
        )
        self.assertEqual(period.state, "posted")
        # every member who bought at the till shares the surplus, by what they bought
        self.assertEqual(period.allocation_ids.partner_id, orders.partner_id)
        measures = period._coop_measure_purchases(orders.partner_id.ids)
        for allocation in period.allocation_ids:
            self.assertAlmostEqual(allocation.measure, float(measures[allocation.partner_id.id]))
        self.assertTrue(all(period._coop_cash_lines().mapped("reconciled")))
