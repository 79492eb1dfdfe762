# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import datetime
import io

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ALLOCATED_ON, YEAR, CoopPatronageCommon


@tagged("post_install", "-at_install")
class TestPatronageAllocation(CoopPatronageCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Alice: bread 100 (weight 0.5 → 50) + tool 200 - refund 40; gift card and
        # deposit excluded → 210. Bob: tool 90. Carol: nothing. Dan: not a member.
        cls._invoice(cls.alice, [(cls.bread, 100), (cls.tool, 200), (cls.gift_card, 50)])
        cls._invoice(cls.alice, [(cls.deposit, 30)])
        cls._invoice(cls.alice, [(cls.tool, 40)], move_type="out_refund")
        cls._invoice(cls.bob, [(cls.tool, 90)])
        cls._invoice(cls.dan, [(cls.tool, 500)])
        # outside the period, and a vendor bill: neither counts for purchases
        cls._invoice(cls.bob, [(cls.tool, 1000)], date=datetime.date(YEAR + 1, 1, 2))
        cls._invoice(cls.carol, [(cls.tool, 700)], move_type="in_invoice")

    def _allocations(self, period):
        return {a.membership_id: a for a in period.allocation_ids}

    def test_measures_by_partner_weighted_and_excluded(self):
        # share capital is not patronage: Alice's capital invoice, paid, is ignored
        self._issue(self.alice, self.member_class, 2)
        period = self._period(surplus=3000.0)
        period.action_compute()
        allocations = self._allocations(period)
        self.assertEqual(set(allocations), {self.alice, self.bob})
        self.assertAlmostEqual(allocations[self.alice].measure, 210.0)
        self.assertAlmostEqual(allocations[self.bob].measure, 90.0)
        # 3000: reserve 900, education 150, members 1950 split 210:90
        self.assertEqual((period.reserve_amount, period.education_amount), (900.0, 150.0))
        self.assertEqual(period.pool_amount, 1950.0)
        self.assertAlmostEqual(allocations[self.alice].allocated_amount, 1365.0)
        self.assertAlmostEqual(allocations[self.bob].allocated_amount, 585.0)
        self.assertAlmostEqual(allocations[self.alice].cash_amount, 273.0)
        self.assertAlmostEqual(allocations[self.alice].retained_amount, 1092.0)
        self.assertEqual(period.payment_deadline, datetime.date(YEAR + 1, 9, 15))
        self.assertTrue(period.qualified)

    def test_volume_basis_counts_vendor_bills(self):
        period = self._period(surplus=700.0, basis="volume", reserve_percent=0, education_percent=0)
        period.action_compute()
        allocations = self._allocations(period)
        self.assertEqual(set(allocations), {self.carol})
        self.assertAlmostEqual(allocations[self.carol].allocated_amount, 700.0)

    def test_pro_rata_eligibility(self):
        # Bob joined on 1 July: 184 of 365 days
        self.bob._coop_workflow().write({"admission_date": datetime.date(YEAR, 7, 1)})
        period = self._period(surplus=1000.0, eligibility="pro_rata")
        period.action_compute()
        bob = self._allocations(period)[self.bob]
        self.assertAlmostEqual(bob.eligible_share, 184 / 365, places=4)
        self.assertAlmostEqual(bob.patronage, 90 * 184 / 365, places=2)
        # year-end eligibility: a member who left before the end gets nothing
        self.bob._coop_workflow().write({"end_date": datetime.date(YEAR, 11, 30)})
        period.action_reset_to_draft()
        period.write({"eligibility": "year_end"})
        period.action_compute()
        self.assertNotIn(self.bob, self._allocations(period))

    def test_post_pay_redeem_reverse(self):
        period = self._period(surplus=3000.0)
        period.action_compute()
        period.action_post()
        move = period.move_ids
        self.assertEqual(len(move), 1, "a small co-op's allocation is one entry")
        self.assertEqual(move.state, "posted")
        self.assertTrue(all(move.line_ids.mapped("partner_id")), "a line without a partner")
        self.assertAlmostEqual(sum(move.line_ids.mapped("debit")), 3000.0)
        reserve = move.line_ids.filtered(
            lambda line: line.account_id == self.coop.coop_patronage_reserve_account_id
        )
        self.assertAlmostEqual(reserve.credit, 900.0)
        self.assertEqual(len(period.capital_line_ids), 2)
        self.assertLedgerMatchesBooks()
        self.assertEqual(
            self.env["coop.capital.account.line"]._balances(self.coop),
            {self.alice.id: 1092.0, self.bob.id: 468.0},
        )
        # 1099-PATR: box 1 = cash + retained of a qualified notice
        action = period.action_export_1099_patr()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        rows = list(csv.DictReader(io.StringIO(base64.b64decode(attachment.datas).decode())))
        self.assertEqual(
            {row["recipient_name"]: row["box1_patronage_dividends"] for row in rows},
            {"Alice Patron": "1365.00", "Bob Patron": "585.00"},
        )
        # Pay the cash portions with Odoo's payment wizard: one payment per member
        action = period.action_pay_cash()
        wizard = Form(self.env["account.payment.register"].with_context(**action["context"])).save()
        wizard.action_create_payments()
        self.assertTrue(all(period.allocation_ids.mapped("cash_paid")))
        with self.assertRaises(UserError):
            period.action_pay_cash()
        # Revolving: the board retires the allocations of YEAR
        Wizard = self.env["coop.capital.redemption.wizard"]
        action = Wizard.create(
            {"company_id": self.coop.id, "max_year": YEAR, "date": ALLOCATED_ON}
        ).action_redeem()
        bills = self.env["account.move"].search(action["domain"])
        self.assertEqual(len(bills), 2)
        self.assertEqual(set(bills.mapped("state")), {"posted"})
        self.assertEqual(
            self.env["coop.capital.account.line"]._balances(self.coop),
            {self.alice.id: 0.0, self.bob.id: 0.0},
        )
        self.assertLedgerMatchesBooks()
        # nothing left to retire; the bills cannot be undone in the books alone
        with self.assertRaises(UserError):
            Wizard.create({"company_id": self.coop.id, "max_year": YEAR}).action_redeem()
        with self.assertRaises(UserError):
            bills[0].button_draft()
        # paid and redeemed: the allocation can no longer be reversed
        with self.assertRaises(UserError):
            period.action_reverse()
        self.assertEqual(period.state, "posted")

    def test_reverse_before_payment(self):
        period = self._period(surplus=3000.0)
        period.action_compute()
        period.action_post()
        with self.assertRaises(UserError):
            period.move_ids.button_draft()
        period.action_reverse()
        self.assertEqual(period.state, "reversed")
        self.assertEqual(period.reversal_move_ids.mapped("state"), ["posted"])
        self.assertEqual(self._ledger(), {})
        self.assertLedgerMatchesBooks()
        # the period's days may now be allocated again
        again = self._period(surplus=3000.0)
        again.action_compute()
        again.action_post()
        self.assertLedgerMatchesBooks()

    def test_member_redemption_within_balance(self):
        period = self._period(surplus=3000.0)
        period.action_compute()
        period.action_post()
        Wizard = self.env["coop.capital.redemption.wizard"]
        too_much = Wizard.create(
            {
                "company_id": self.coop.id,
                "mode": "member",
                "membership_id": self.bob.id,
                "amount": 468.01,
            }
        )
        bills_before = self.env["account.move"].search_count([("move_type", "=", "in_invoice")])
        with self.assertRefused(UserError, "cannot be redeemed"):
            too_much.action_redeem()
        self.assertEqual(
            self.env["account.move"].search_count([("move_type", "=", "in_invoice")]), bills_before
        )
        Wizard.create(
            {
                "company_id": self.coop.id,
                "mode": "member",
                "membership_id": self.bob.id,
                "amount": 100,
            }
        ).action_redeem()
        self.assertAlmostEqual(
            self.env["coop.capital.account.line"]._balances(self.coop)[self.bob.id], 368.0
        )
        self.assertLedgerMatchesBooks()

    def test_losses_in_the_books(self):
        individual = self._period(surplus=-300.0, loss_option="individual")
        individual.action_compute()
        individual.action_post()
        self.assertEqual({line.operation for line in individual.capital_line_ids}, {"loss"})
        self.assertAlmostEqual(sum(individual.capital_line_ids.mapped("amount")), -300.0)
        self.assertLedgerMatchesBooks()
        # carried forward: no entry, the next period nets it first
        carried = self._period(
            surplus=-200.0,
            loss_option="carry_forward",
            start=datetime.date(YEAR + 1, 1, 1),
            end=datetime.date(YEAR + 1, 6, 30),
            date=datetime.date(YEAR + 1, 7, 1),
        )
        carried.action_compute()
        carried.action_post()
        self.assertFalse(carried.move_ids)
        self.assertEqual(carried.carried_loss_out, -200.0)
        self._invoice(self.alice, [(self.tool, 80)], date=datetime.date(YEAR + 1, 8, 1))
        following = self._period(
            surplus=1200.0,
            start=datetime.date(YEAR + 1, 7, 1),
            end=datetime.date(YEAR + 1, 12, 31),
            date=datetime.date(YEAR + 2, 1, 15),
        )
        following.action_compute()
        self.assertEqual(following.carried_loss_in, -200.0)
        self.assertEqual(
            following.reserve_amount + following.education_amount + following.pool_amount, 1000.0
        )

    def test_1099_patr_box5_reports_redeemed_nonqualified_notices(self):
        """Last year's notices were nonqualified (no consent): their retained part
        is taxed when redeemed, in box 5 of the redemption year's form."""
        self._invoice(self.alice, [(self.tool, 300)], date=datetime.date(YEAR - 1, 5, 1))
        earlier = self._period(
            surplus=1000.0,
            start=datetime.date(YEAR - 1, 1, 1),
            end=datetime.date(YEAR - 1, 12, 31),
            date=datetime.date(YEAR, 3, 1),
            consent=False,
        )
        earlier.action_compute()
        earlier.action_post()
        retained = self._allocations(earlier)[self.alice].retained_amount
        self.assertFalse(self._allocations(earlier)[self.alice].qualified)
        # in the year of the next allocation, Alice's retained capital is redeemed in part
        self.env["coop.capital.redemption.wizard"].create(
            {
                "company_id": self.coop.id,
                "mode": "member",
                "membership_id": self.alice.id,
                "amount": 100.0,
                "date": datetime.date(YEAR + 1, 2, 1),
            }
        ).action_redeem()
        period = self._period(surplus=3000.0)
        period.action_compute()
        period.action_post()
        rows = {row["recipient_name"]: row for row in period._coop_1099_patr_rows()}
        self.assertEqual(rows["Alice Patron"]["box5_redemption_of_nonqualified_notices"], "100.00")
        self.assertEqual(rows["Bob Patron"]["box5_redemption_of_nonqualified_notices"], "0.00")
        # the earlier period's form (its allocation year) has no redemption in it
        rows = {row["recipient_name"]: row for row in earlier._coop_1099_patr_rows()}
        self.assertEqual(rows["Alice Patron"]["box5_redemption_of_nonqualified_notices"], "0.00")
        self.assertGreater(retained, 100.0)
