# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.common import TestPoSCommon


@tagged("post_install", "-at_install")
class TestPosPatronage(TestPoSCommon):
    """Orders rung up at the till count toward the member's patronage, and an
    invoiced order counts once (through its invoice)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.basic_config
        cls.coop = cls.env.company
        cls.member = (
            cls.env["coop.membership"]
            .sudo()
            .create({"partner_id": cls.customer.id, "company_id": cls.coop.id})
        )
        cls.member._coop_admit("Founding member")
        cls.member._coop_workflow().write({"admission_date": datetime.date(2020, 1, 1)})
        cls.stranger = cls.env["res.partner"].create({"name": "Not a member"})
        cls.bread = cls.create_product("Bread", cls.categ_basic, 10.0)
        cls.gift_card = cls.create_product("Gift card", cls.categ_basic, 25.0)
        cls.gift_card.coop_patronage_excluded = True

    def test_member_card_barcode_selects_the_member(self):
        barcode = self.customer.with_company(self.coop).barcode
        self.assertTrue(barcode.startswith("042"), barcode)
        # the till's nomenclature reads it as a customer
        parsed = self.config.company_id.nomenclature_id.parse_barcode(barcode)
        self.assertEqual(parsed["type"], "client")
        self.assertEqual(
            self.customer.with_company(self.coop).coop_member_standing,
            f"Member {self.member.member_number} · in good standing",
        )
        self.assertFalse(self.stranger.coop_member_standing)
        fields_loaded = self.env["res.partner"]._load_pos_data_fields(self.config.id)
        self.assertIn("coop_member_standing", fields_loaded)

    def test_pos_orders_count_once(self):
        self.open_new_session()
        self._create_orders(
            [
                {
                    "pos_order_lines_ui_args": [(self.bread, 3), (self.gift_card, 1)],
                    "customer": self.customer,
                    "payments": [(self.cash_pm1, 55)],
                },
                {
                    "pos_order_lines_ui_args": [(self.bread, 2)],
                    "customer": self.customer,
                    "is_invoiced": True,
                    "payments": [(self.bank_pm1, 20)],
                },
                {
                    "pos_order_lines_ui_args": [(self.bread, 5)],
                    "customer": self.stranger,
                    "payments": [(self.cash_pm1, 50)],
                },
            ]
        )
        today = fields.Date.context_today(self.env["pos.order"])
        # the till user is no co-op manager: the board allocates
        period = (
            self.env["coop.patronage.period"]
            .sudo()
            .create(
                {
                    "name": "Till patronage",
                    "company_id": self.coop.id,
                    "date_from": today.replace(month=1, day=1),
                    "date_to": today,
                    "date": today,
                    "surplus": 1000.0,
                    "override_reason": "Member business only",
                }
            )
        )
        measures = period._coop_measures([self.customer.id, self.stranger.id])
        # 3 loaves at the till + 2 invoiced; the gift card is excluded
        self.assertEqual(measures[self.customer.id], 50)
        self.assertEqual(measures[self.stranger.id], 50)  # measured, but not a member
        self.pos_session.post_closing_cash_details(105)
        self.pos_session.close_session_from_ui()
        period.action_compute()
        self.assertEqual(period.allocation_ids.partner_id, self.customer)
        self.assertAlmostEqual(period.allocation_ids.measure, 50.0)

    def test_member_pricelist_follows_good_standing(self):
        Pricelist = self.env["product.pricelist"]
        members_list = Pricelist.create({"name": "Members", "company_id": self.coop.id})
        wholesale = Pricelist.create({"name": "Wholesale", "company_id": self.coop.id})
        trader = self.env["res.partner"].create({"name": "Trading member"})
        trader.with_company(self.coop).property_product_pricelist = wholesale
        trading = (
            self.env["coop.membership"]
            .sudo()
            .create({"partner_id": trader.id, "company_id": self.coop.id})
        )
        trading._coop_admit("Founding member")

        def pricelist(partner):
            return partner.with_company(self.coop).property_product_pricelist

        default = pricelist(self.stranger)
        self.coop.coop_member_pricelist_id = members_list
        self.assertEqual(pricelist(self.customer), members_list)
        self.assertEqual(pricelist(self.stranger), default)
        # a pricelist chosen by hand for a member stays
        self.assertEqual(pricelist(trader), wholesale)
        # out of good standing: back to the default; reinstated: the member pricelist again
        self.member.sudo()._apply_transition("suspend", reason="Fee unpaid")
        self.assertEqual(pricelist(self.customer), default)
        self.member.sudo()._apply_transition("reinstate", reason="Fee paid")
        self.assertEqual(pricelist(self.customer), members_list)
        # a new member gets it on admission; a new member pricelist replaces the old one
        newcomer = self.env["res.partner"].create({"name": "Newcomer"})
        membership = (
            self.env["coop.membership"]
            .sudo()
            .create({"partner_id": newcomer.id, "company_id": self.coop.id})
        )
        self.assertEqual(pricelist(newcomer), default)
        membership._coop_admit("Admitted")
        self.assertEqual(pricelist(newcomer), members_list)
        renewed = Pricelist.create({"name": "Members 2", "company_id": self.coop.id})
        self.coop.coop_member_pricelist_id = renewed
        self.assertEqual(pricelist(self.customer), renewed)
        self.assertEqual(pricelist(newcomer), renewed)
        self.assertEqual(pricelist(trader), wholesale)
