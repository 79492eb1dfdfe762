# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from psycopg2.errors import CheckViolation

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import CoopSharesCommon


@tagged("post_install", "-at_install")
class TestShareRegister(CoopSharesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice = cls._membership("Alice Holder")
        cls.bob = cls._membership("Bob Holder")

    def test_share_class_product_and_accounts(self):
        product = self.member_class.product_id
        self.assertEqual(product.type, "service")
        self.assertFalse(product.sale_ok)
        self.assertFalse(product.purchase_ok)
        self.assertFalse(product.taxes_id)
        self.assertFalse(product.supplier_taxes_id)
        self.assertEqual(
            product.categ_id, self.env.ref("coop_shares.product_category_share_capital")
        )
        self.assertEqual(product.company_id, self.coop)
        self.assertEqual(product.list_price, 50.0)
        self.member_class.name = "Member share A"
        self.assertEqual(product.name, "Member share A")
        self.assertFalse(
            [name for name in self.member_class._fields if "vote" in name], "shares carry no votes"
        )

    def test_equity_account_of_another_company_is_refused(self):
        other = self.setup_other_company(name="Other Co-op")["company"]
        foreign_account = self._equity_account("301900", "Foreign capital", company=other)
        classes_before = self.env["coop.share.class"].search_count([])
        with self.assertRaises(UserError):
            self.env["coop.share.class"].create(
                {
                    "name": "Bad",
                    "code": "BAD",
                    "company_id": self.coop.id,
                    "nominal_value": 10,
                    "equity_account_id": foreign_account.id,
                }
            )
        with self.assertRaises(UserError):
            self.investor_class.equity_account_id = foreign_account
        self.assertEqual(self.env["coop.share.class"].search_count([]), classes_before)
        self.assertEqual(self.investor_class.equity_account_id, self.equity_investor)

    def test_nominal_value_is_fixed_once_used(self):
        self._issue(self.alice, self.member_class, 2)
        with self.assertRaisesRegex(UserError, "fixed"):
            self.member_class.nominal_value = 60
        self.assertEqual(self.member_class.nominal_value, 50)

    def test_posted_entries_are_immutable_for_everyone(self):
        line = self._issue(self.alice, self.member_class, 2).line_ids
        for env in (self.env, self.env(su=True), self.env(user=self.manager)):
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                line.with_env(env).write({"quantity": 5})
            with self.assertRaisesRegex(UserError, "cannot be deleted"):
                line.with_env(env).unlink()
        with self.assertRaisesRegex(UserError, "posted by share requests"):
            self.env["coop.share.line"].sudo().create(
                {
                    "name": "X",
                    "company_id": self.coop.id,
                    "membership_id": self.alice.id,
                    "class_id": self.member_class.id,
                    "quantity": 1,
                    "unit_value": 50,
                    "amount": 50,
                    "operation": "issue",
                }
            )
        self.assertEqual((line.quantity, line.amount), (2, 100.0))
        self.assertEqual(self._holding(self.alice, self.member_class), 2)

    def test_database_refuses_zero_quantity(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    """INSERT INTO coop_share_line (name, company_id, date, membership_id, class_id,
                                                    quantity, unit_value, amount, operation, state)
                       VALUES ('Z', %s, now(), %s, %s, 0, 50, 0, 'issue', 'posted')""",
                    (self.coop.id, self.alice.id, self.member_class.id),
                )

    def test_holdings_never_negative(self):
        self._issue(self.alice, self.member_class, 2)
        lines_before = self.env["coop.share.line"].search_count([])
        Line = self.env["coop.share.line"]
        with self.assertRaisesRegex(ValidationError, "negative"):
            Line._post_entries(
                [
                    {
                        "membership_id": self.alice.id,
                        "class_id": self.member_class.id,
                        "quantity": -3,
                        "operation": "redemption",
                    }
                ]
            )
        # a backdated debit before the shares existed is as negative as one today
        with self.assertRaisesRegex(ValidationError, "negative"):
            Line._post_entries(
                [
                    {
                        "membership_id": self.alice.id,
                        "class_id": self.member_class.id,
                        "quantity": -1,
                        "operation": "redemption",
                        "date": self.today() - relativedelta(days=10),
                    }
                ]
            )
        self.assertEqual(Line.search_count([]), lines_before)
        self.assertEqual(self._holding(self.alice, self.member_class), 2)

    def test_entry_numbers_are_unique_per_coop(self):
        lines = (
            self._issue(self.alice, self.member_class, 1).line_ids
            | self._issue(self.bob, self.member_class, 1).line_ids
        )
        self.assertEqual(len(set(lines.mapped("name"))), 2)
        self.assertTrue(all(name.startswith("SR") for name in lines.mapped("name")))

    def test_holdings_at_any_date(self):
        day_1 = self.today() - relativedelta(days=30)
        day_2 = self.today() - relativedelta(days=20)
        with freeze_time(day_1):
            self._issue(self.alice, self.member_class, 4)
        with freeze_time(day_2):
            self._issue(self.alice, self.investor_class, 1)
        self._approve(
            self._request(
                self.alice,
                self.member_class,
                1,
                request_type="transfer",
                target_partner_id=self.bob.partner_id,
            )
        )
        Line = self.env["coop.share.line"]
        self.assertEqual(
            Line._get_holdings(
                [("membership_id", "=", self.alice.id)], date=day_1 - relativedelta(days=1)
            ),
            {},
        )
        self.assertEqual(
            Line._get_holdings([("membership_id", "in", (self.alice | self.bob).ids)], date=day_2),
            {(self.alice.id, self.member_class.id): 4, (self.alice.id, self.investor_class.id): 1},
        )
        self.assertEqual(
            Line._get_holdings([("membership_id", "in", (self.alice | self.bob).ids)]),
            {
                (self.alice.id, self.member_class.id): 3,
                (self.alice.id, self.investor_class.id): 1,
                (self.bob.id, self.member_class.id): 1,
            },
        )
        self.assertEqual(self.member_class.total_quantity, 4)
        self.assertEqual(self.member_class.holder_count, 2)

    def test_holdings_query_count_does_not_grow(self):
        """Holdings of every member at a past date: one query, whatever the size of the register."""
        Line = self.env["coop.share.line"]
        past = self.today() - relativedelta(days=1)

        def post_many(count):
            memberships = self.env["coop.membership"].create(
                [
                    {"partner_id": partner.id, "company_id": self.coop.id}
                    for partner in self.env["res.partner"].create(
                        [{"name": f"Bulk {count} {i}"} for i in range(count)]
                    )
                ]
            )
            with freeze_time(past - relativedelta(days=1)):
                Line._post_entries(
                    [
                        {
                            "membership_id": membership.id,
                            "class_id": self.investor_class.id,
                            "quantity": 1,
                            "operation": "issue",
                        }
                        for membership in memberships
                    ]
                )
            self.env.flush_all()
            self.env.invalidate_all()

        post_many(3)
        with self.assertQueryCount(1):
            small = Line._get_holdings([("company_id", "=", self.coop.id)], date=past)
        post_many(60)
        with self.assertQueryCount(1):
            large = Line._get_holdings([("company_id", "=", self.coop.id)], date=past)
        self.assertEqual(len(large) - len(small), 60)

    def test_capital_change_sums_only_what_changes_capital(self):
        self._issue(self.alice, self.member_class, 5)
        requests = (
            self._request(self.alice, self.member_class, 3)
            | self._request(self.alice, self.member_class, 2, "redemption")
            | self._request(
                self.alice, self.member_class, 1, "transfer", target_partner_id=self.bob.partner_id
            )
        )
        unit = self.member_class.nominal_value
        self.assertEqual(requests.mapped("capital_change"), [3 * unit, -2 * unit, 0.0])
        [(total,)] = self.env["coop.share.request"]._read_group(
            [("id", "in", requests.ids)], [], ["capital_change:sum"]
        )
        self.assertEqual(total, unit, "a redemption takes capital out; a transfer moves it")

    def test_overview_capital_and_requests_to_decide(self):
        self._issue(self.alice, self.member_class, 4)
        request = self._request(self.bob, self.member_class, 2)
        company = self.coop
        company.invalidate_recordset()
        self.assertGreaterEqual(company.coop_share_request_pending_count, 1)
        self.assertIn(self.member_class.display_name, company.coop_overview_capital)
        action = company.action_coop_overview_share_requests()
        self.assertIn(request, self.env["coop.share.request"].search(action["domain"]))

    def test_invoice_analysis_ignores_capital(self):
        request = self._issue(self.alice, self.member_class, 2)
        self.env.flush_all()
        report_lines = self.env["account.invoice.report"].search(
            [("move_id", "=", request.move_id.id)]
        )
        self.assertFalse(report_lines, "capital invoices are not turnover")
        sale = self.init_invoice("out_invoice", amounts=[100.0], post=True)
        self.env.flush_all()
        self.assertTrue(self.env["account.invoice.report"].search([("move_id", "=", sale.id)]))

    def test_cancelled_invoice_cancels_request_and_cannot_be_paid(self):
        request = self._approve(self._request(self.alice, self.member_class, 2))
        invoice = request.move_id
        invoice.button_cancel()
        self.assertEqual(request.state, "cancelled")
        self.assertIn(invoice.name, request.reason)
        with self.assertRaises(UserError):
            self._pay(invoice)
        self.assertEqual(self._holding(self.alice, self.member_class), 0)

    def test_paying_a_cancelled_requests_invoice_is_refused(self):
        request = self._approve(self._request(self.alice, self.member_class, 2))
        invoice = request.move_id
        request.with_user(self.officer).action_cancel("Member changed their mind")
        self.assertEqual((request.state, invoice.state), ("cancelled", "cancel"))
        # even if the invoice is brought back and paid behind the request's back
        invoice.button_draft()
        invoice.action_post()
        with self.assertRaisesRegex(UserError, "cannot be paid"):
            self._pay(invoice)
        self.assertEqual(self._holding(self.alice, self.member_class), 0)
        self.assertEqual(request.state, "cancelled")

    def test_credit_note_before_payment_cancels_request(self):
        request = self._approve(self._request(self.alice, self.member_class, 2))
        request.move_id._reverse_moves(cancel=True)
        self.assertEqual(request.state, "cancelled")
        self.assertRegisterMatchesLedger()

    def test_paid_document_cannot_go_back_to_draft(self):
        request = self._issue(self.alice, self.member_class, 2)
        with self.assertRaisesRegex(UserError, "reverse it instead"):
            request.move_id.button_draft()
        with self.assertRaisesRegex(UserError, "reverse it instead"):
            request.line_ids.move_id.button_draft()
        self.assertEqual(request.move_id.state, "posted")

    def test_share_statement_and_certificate_render(self):
        request = self._issue(self.alice, self.member_class, 2)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("coop_shares.report_share_certificate", request.ids)[0]
            .decode()
        )
        self.assertIn("Alice Holder", html)
        self.assertIn(request.line_ids.name, html)
        self.assertIn("Secretary", html)
        statement = (
            self.env["ir.actions.report"]
            ._render_qweb_html("coop_shares.report_share_statement", self.alice.ids)[0]
            .decode()
        )
        self.assertIn(request.line_ids.name, statement)

    def test_register_export_as_of_date(self):
        with freeze_time(self.today() - relativedelta(days=5)):
            self._issue(self.alice, self.member_class, 3)
        self._issue(self.bob, self.member_class, 1)
        Wizard = self.env["coop.share.register.wizard"]
        wizard = Wizard.create(
            {
                "company_id": self.coop.id,
                "date": self.today() - relativedelta(days=1),
                "export_format": "csv",
            }
        )
        action = wizard.action_export()
        self.assertIn("/web/content/coop.share.register.wizard", action["url"])
        content = base64.b64decode(wizard.file_data).decode()
        self.assertIn("Alice Holder", content)
        self.assertNotIn("Bob Holder", content, "Bob's shares came after the date")
        wizard.export_format = "xlsx"
        wizard.action_export()
        self.assertTrue(wizard.file_name.endswith(".xlsx"))
        self.assertEqual(base64.b64decode(wizard.file_data)[:2], b"PK")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("coop_shares.report_share_register", wizard.ids)[0]
            .decode()
        )
        self.assertIn("Alice Holder", html)
        self.assertNotIn("Bob Holder", html)

    def test_multi_company_isolation(self):
        other_data = self.setup_other_company(name="Second Co-op")
        other = other_data["company"]
        other_class = self.env["coop.share.class"].create(
            {
                "name": "Other share",
                "code": "OS",
                "company_id": other.id,
                "nominal_value": 10,
                "equity_account_id": self._equity_account(
                    "301500", "Other capital", company=other
                ).id,
            }
        )
        self.assertEqual(
            self.env["coop.share.class"].with_user(self.manager).search([("code", "=", "OS")]),
            self.env["coop.share.class"],
        )
        with self.assertRaises(UserError):
            self.env["coop.share.request"].create(
                {
                    "membership_id": self.alice.id,
                    "class_id": other_class.id,
                    "quantity": 1,
                    "company_id": self.coop.id,
                }
            )
        self.assertTrue(other_class.product_id.company_id == other)
        self.assertFalse(other.coop_share_pending_account_id.company_ids - other)
        self.assertEqual(
            other_class.with_company(other).product_id.property_account_income_id,
            other.coop_share_pending_account_id,
        )

    def test_request_numbers_per_coop(self):
        other = self.setup_other_company(name="Third Co-op")["company"]
        other_class = self.env["coop.share.class"].create(
            {
                "name": "Third share",
                "code": "TS",
                "company_id": other.id,
                "nominal_value": 10,
                "equity_account_id": self._equity_account(
                    "301600", "Third capital", company=other
                ).id,
            }
        )
        holder = self._membership("Theo Third", company=other)
        Request = self.env["coop.share.request"]
        ours = Request.create(
            [
                {"membership_id": self.alice.id, "class_id": self.member_class.id, "quantity": 1}
                for _index in range(3)
            ]
        )
        theirs = Request.create(
            {
                "membership_id": holder.id,
                "company_id": other.id,
                "class_id": other_class.id,
                "quantity": 1,
            }
        )
        year = self.today().year
        self.assertEqual(theirs.name, f"SHR/{year}/00001", "each co-op numbers from one")
        numbers = [int(name.rsplit("/", 1)[1]) for name in ours.mapped("name")]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)), "without gaps")

    def test_access_rights(self):
        line = self._issue(self.alice, self.member_class, 2).line_ids
        self._issue(self.bob, self.member_class, 1)
        auditor = new_test_user(
            self.env,
            login="shares_auditor",
            groups="base.group_user,account.group_account_readonly",
            company_id=self.coop.id,
            company_ids=[Command.set(self.coop.ids)],
        )
        # accountants read the register and its holders, and change nothing
        self.assertEqual(line.with_user(auditor).membership_id.partner_id.name, "Alice Holder")
        self.assertEqual(
            self.env["coop.share.line"]
            .with_user(auditor)
            .search_count([("company_id", "=", self.coop.id)]),
            2,
        )
        with self.assertRaises(AccessError):
            self.env["coop.share.request"].with_user(auditor).create(
                {"membership_id": self.alice.id, "class_id": self.member_class.id, "quantity": 1}
            )
        # a portal member sees their own entries only
        portal = new_test_user(
            self.env,
            login="shares_portal_alice",
            groups="base.group_portal",
            partner_id=self.alice.partner_id.id,
            company_id=self.coop.id,
            company_ids=[Command.set(self.coop.ids)],
        )
        self.assertEqual(self.env["coop.share.line"].with_user(portal).search([]), line)
        self.assertEqual(
            self.env["coop.share.request"].with_user(portal).search([]).membership_id, self.alice
        )
        with self.assertRaises(AccessError):
            self.env["coop.share.request"].with_user(portal).create(
                {
                    "membership_id": self.bob.id,
                    "class_id": self.member_class.id,
                    "quantity": 1,
                    "company_id": self.coop.id,
                }
            )
        # officers prepare requests but do not configure classes
        with self.assertRaises(AccessError):
            self.member_class.with_user(self.officer).write({"max_quantity": 3})

    def test_capital_over_time_split_by_class(self):
        arch = self.env["coop.share.line"].get_views([(False, "graph")])["views"]["graph"]["arch"]
        self.assertIn('type="line" cumulated="1"', arch)
        self.assertIn('<field name="date" interval="month"/>', arch)
        self.assertIn('<field name="class_id"/>', arch)
        holder = self._membership("Monthly Saver")
        for day in ("2025-01-10", "2025-02-10", "2025-03-10"):
            with freeze_time(day):
                self._issue(holder, self.member_class, 1)
        with freeze_time("2025-03-20"):
            self._issue(holder, self.investor_class, 1)
        groups = self.env["coop.share.line"].read_group(
            [("membership_id", "=", holder.id)],
            ["amount:sum"],
            ["date:month", "class_id"],
            lazy=False,
        )
        points = sorted((group["date:month"], group["class_id"][1]) for group in groups)
        self.assertEqual(len(points), 4, "a point per month and class, not one dot")
        member_points = [g["amount"] for g in groups if g["class_id"][0] == self.member_class.id]
        self.assertEqual(member_points, [50.0, 50.0, 50.0])
