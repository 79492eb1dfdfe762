# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from urllib.parse import quote

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestPosTour(TestPointOfSaleHttpCommon):
    """At the till, in Chromium: the cashier identifies a member the till has
    not loaded, by card or by number, and the sale counts as patronage."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop = cls.main_pos_config.company_id
        cls.member_partner = cls.env["res.partner"].create({"name": "Zoe Zimmerman"})
        cls.membership = (
            cls.env["coop.membership"]
            .sudo()
            .create({"partner_id": cls.member_partner.id, "company_id": cls.coop.id})
        )
        cls.membership._coop_admit("Founding member")
        cls.membership._coop_workflow().write({"admission_date": datetime.date(2020, 1, 1)})
        cls.bread = cls.env["product.product"].create(
            {
                "name": "Co-op Bread",
                "available_in_pos": True,
                "list_price": 4.0,
                "taxes_id": False,
            }
        )
        # the till preloads one customer: the member is found on the server
        cls.env["ir.config_parameter"].sudo().set_param("point_of_sale.limited_customer_count", 1)

    def _cookies(self):
        partner = self.member_partner.with_company(self.coop)
        return {
            "coop_tour_barcode": partner.barcode,
            "coop_tour_member": quote(partner.name),
            "coop_tour_number": quote(self.membership.member_number),
        }

    def _period(self):
        today = fields.Date.context_today(self.membership)
        period = (
            self.env["coop.patronage.period"]
            .sudo()
            .create(
                {
                    "name": "Till patronage",
                    "company_id": self.coop.id,
                    "date_from": today.replace(month=1, day=1),
                    "date_to": today + datetime.timedelta(days=1),
                    "date": today + datetime.timedelta(days=2),
                    "surplus": 100.0,
                    "override_reason": "Member business only",
                }
            )
        )
        return period

    def test_scan_the_member_card_sell_and_pay(self):
        loaded = self.main_pos_config.get_limited_partners_loading()
        self.assertNotIn(self.member_partner.id, {row[0] for row in loaded})
        period = self._period()
        self.assertFalse(period._coop_measure_purchases([self.member_partner.id]))
        # members pay a quarter less; the till offers the member pricelist
        members_list = self.env["product.pricelist"].create(
            {
                "name": "Members",
                "company_id": self.coop.id,
                "currency_id": self.coop.currency_id.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 25,
                        }
                    )
                ],
            }
        )
        self.main_pos_config.available_pricelist_ids = [Command.link(members_list.id)]
        self.coop.coop_member_pricelist_id = members_list
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("coop_patronage_pos_member_sale", cookies=self._cookies())
        order = self.env["pos.order"].search([("partner_id", "=", self.member_partner.id)])
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.pricelist_id, members_list)
        self.assertAlmostEqual(order.amount_total, 6.0)
        self.assertEqual(
            period._coop_measure_purchases([self.member_partner.id]), {self.member_partner.id: 6}
        )

    def test_find_a_member_by_number_on_the_server(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("coop_patronage_pos_member_search", cookies=self._cookies())

    def test_member_number_lookup_as_the_cashier(self):
        Partner = self.env["res.partner"].with_user(self.pos_user).with_company(self.coop)
        number = self.membership.member_number
        self.assertEqual(
            Partner.search([("coop_member_number", "=ilike", number)]), self.member_partner
        )
        self.assertFalse(Partner.search([("coop_member_number", "=ilike", "NOPE-0")]))
        # an ended membership is no longer found
        self.membership._coop_workflow().write({"state": "withdrawn"})
        self.assertFalse(Partner.search([("coop_member_number", "=ilike", number)]))
