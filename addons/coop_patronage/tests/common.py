# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from contextlib import contextmanager

from odoo import Command

from odoo.addons.coop_shares.tests.common import CoopSharesCommon

YEAR = 2025
START = datetime.date(YEAR, 1, 1)
END = datetime.date(YEAR, 12, 31)
ALLOCATED_ON = datetime.date(YEAR + 1, 3, 1)


class CoopPatronageCommon(CoopSharesCommon):
    """A consumer co-op with books, members admitted years ago, products in a
    weighted and an excluded category."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop.write(
            {
                "coop_patronage_basis": "purchases",
                "coop_patronage_eligibility": "year_end",
                "coop_patronage_reserve_percent": 30.0,
                "coop_patronage_education_percent": 5.0,
                "coop_patronage_cash_percent": 20.0,
                "coop_patronage_revolving_years": 3,
            }
        )
        cls.alice = cls._member("Alice Patron")
        cls.bob = cls._member("Bob Patron")
        cls.carol = cls._member("Carol Patron")
        cls.dan = cls._membership("Dan Applicant", admitted=False)
        Category = cls.env["product.category"]
        cls.staples = Category.create({"name": "Staples", "coop_patronage_factor": 0.5})
        cls.gift_cards = Category.create({"name": "Gift cards", "coop_patronage_excluded": True})
        Product = cls.env["product.product"]
        cls.bread = Product.create({"name": "Bread", "categ_id": cls.staples.id})
        cls.tool = Product.create({"name": "Garden tool"})
        cls.gift_card = Product.create({"name": "Gift card", "categ_id": cls.gift_cards.id})
        cls.deposit = Product.create({"name": "Bottle deposit", "coop_patronage_excluded": True})

    @classmethod
    def _member(cls, name, admitted_on=datetime.date(2020, 1, 1)):
        membership = cls._membership(name)
        membership._coop_workflow().write({"admission_date": admitted_on})
        return membership

    @classmethod
    def _invoice(cls, membership, lines, move_type="out_invoice", date=None):
        """A posted invoice (or bill, refund) of ``lines``: [(product, price)]."""
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": membership.partner_id.id,
                "invoice_date": date or datetime.date(YEAR, 6, 1),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": 1,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                    for product, price in lines
                ],
            }
        )
        move.action_post()
        return move

    def _period(self, surplus=10000.0, start=START, end=END, date=ALLOCATED_ON, **values):
        return self.env["coop.patronage.period"].create(
            {
                "name": f"Patronage {start} {end}",
                "company_id": self.coop.id,
                "date_from": start,
                "date_to": end,
                "date": date,
                "surplus": surplus,
                "override_reason": "Member business only",
                **values,
            }
        )

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Odoo's assertRaises (unlike assertRaisesRegex) rolls back what the
        refused call did, so that the test sees whether anything changed."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    def _ledger(self):
        """Retained balance per partner from the capital accounts."""
        groups = self.env["coop.capital.account.line"]._read_group(
            [("company_id", "=", self.coop.id)], ["partner_id"], ["amount:sum"]
        )
        return {partner.id: amount for partner, amount in groups if amount}

    def _books(self):
        """Credit balance per partner of the allocated-equity account."""
        account = self.coop.coop_patronage_equity_account_id
        if not account:
            return {}
        groups = self.env["account.move.line"]._read_group(
            [("account_id", "=", account.id), ("parent_state", "=", "posted")],
            ["partner_id"],
            ["balance:sum"],
        )
        return {partner.id: -balance for partner, balance in groups if balance}

    def assertLedgerMatchesBooks(self):
        ledger, books = self._ledger(), self._books()
        self.assertEqual(set(ledger), set(books), "members differ between ledger and books")
        for partner_id, amount in ledger.items():
            self.assertAlmostEqual(amount, books[partner_id], places=2)
