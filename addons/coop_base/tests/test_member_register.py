from datetime import date

from lxml import html

from odoo.tests import HttpCase, TransactionCase, tagged

from .. import membership_rules as rules
from .common import CoopBaseCase, pdf_font_families, pdf_pages, render_pdf

REPORT = "coop_base.action_report_member_register"


@tagged("post_install", "-at_install")
class TestMemberRegister(CoopBaseCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.founder = cls._admitted(cls.partners[0], cls.class_worker_a, date(2020, 1, 1))
        cls.consumer = cls._admitted(cls.partners[1], cls.class_consumer_a, date(2020, 6, 1))
        cls.second_worker = cls._admitted(cls.partners[2], cls.class_worker_a, date(2021, 1, 1))
        cls.leaver = cls._admitted(cls.partners[3], cls.class_consumer_a, date(2020, 1, 1))
        cls.leaver.action_withdraw("moved", date(2022, 1, 1))
        cls.newcomer = cls._admitted(cls.partners[4], cls.class_worker_a, date(2024, 1, 1))
        cls.applicant = cls.env["coop.membership"].create(
            {"partner_id": cls.partners[5].id, "company_id": cls.coop_a.id}
        )

    @classmethod
    def _admitted(cls, partner, member_class, admitted_on):
        membership = cls.env["coop.membership"].create(
            {
                "partner_id": partner.id,
                "company_id": cls.coop_a.id,
                "member_class_id": member_class.id,
            }
        )
        membership._apply_transition("approve", reason="founding", date=admitted_on)
        return membership

    def _register(self, on_date, company=None):
        return self.env["coop.member.register.wizard"].create(
            {"company_id": (company or self.coop_a).id, "date": on_date}
        )

    def _rows(self, wizard):
        content = self.env["ir.actions.report"]._render_qweb_html(REPORT, wizard.ids)[0]
        tree = html.fromstring(content)
        members = [
            [cell.text_content().strip() for cell in row.xpath("td")]
            for row in tree.xpath("//table[contains(@class, 'o_coop_register_members')]/tbody/tr")
        ]
        classes = {
            row.xpath("td")[0].text_content().strip(): int(row.xpath("td")[1].text_content())
            for row in tree.xpath("//table[contains(@class, 'o_coop_register_classes')]/tbody/tr")
        }
        return members, classes

    def test_register_as_of_a_past_date(self):
        members, classes = self._rows(self._register(date(2021, 6, 30)))
        expected = self.founder | self.consumer | self.second_worker | self.leaver
        self.assertEqual(
            sorted(row[0] for row in members), sorted(expected.mapped("member_number"))
        )
        founder_row = next(row for row in members if row[0] == self.founder.member_number)
        self.assertEqual(founder_row[1:3], ["Partner 00", "Worker"])
        self.assertEqual(founder_row[3], "01/01/2020")
        self.assertEqual(classes, {"Worker": 2, "Consumer": 2})

    def test_member_without_class_keeps_the_columns(self):
        partner = self.env["res.partner"].create({"name": "Classless Member"})
        membership = self.env["coop.membership"].create(
            {"partner_id": partner.id, "company_id": self.coop_a.id}
        )
        membership._coop_admit("founding")
        members, __ = self._rows(self._register(date.today()))
        row = next(row for row in members if row[1] == "Classless Member")
        self.assertEqual(len(row), 4)
        self.assertEqual(row[2], "", "the class cell stays, empty")
        self.assertTrue(row[3], "the admission date stays in its own column")

    def test_register_today(self):
        members, classes = self._rows(self._register(date.today()))
        self.assertEqual(
            sorted(row[0] for row in members),
            sorted(
                (self.founder | self.consumer | self.second_worker | self.newcomer).mapped(
                    "member_number"
                )
            ),
        )
        self.assertEqual(classes, {"Worker": 3, "Consumer": 1})

    def test_register_matches_the_plain_rule(self):
        """The SQL selection agrees with the plain-Python rule on every date."""
        memberships = self.env["coop.membership"].search([("company_id", "=", self.coop_a.id)])
        for on_date in (
            date(2019, 1, 1),
            date(2020, 1, 1),
            date(2021, 12, 31),
            date(2022, 1, 1),
            date(2030, 1, 1),
        ):
            expected = memberships.filtered(
                lambda m, d=on_date: rules.in_good_standing(
                    m.admission_date,
                    m.end_date,
                    [(s.date_start, s.date_end) for s in m.suspension_ids],
                    d,
                )
            )
            with self.subTest(on_date=on_date):
                self.assertEqual(
                    self.env["coop.membership"]._get_members_in_good_standing(self.coop_a, on_date),
                    expected,
                )

    def test_register_of_another_coop_is_empty(self):
        members, classes = self._rows(self._register(date.today(), company=self.coop_b))
        self.assertEqual((members, classes), ([], {}))

    def test_register_query_count_does_not_grow_with_members(self):
        report = self.env["ir.actions.report"]
        wizard = self._register(date.today())
        report._render_qweb_html(REPORT, wizard.ids)  # warm the template caches
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        report._render_qweb_html(REPORT, wizard.ids)
        queries_for_few = self.env.cr.sql_log_count - before
        partners = self.env["res.partner"].create(
            [{"name": f"Bulk {index}"} for index in range(40)]
        )
        bulk = self._admit_in_bulk(partners)
        self.env.invalidate_all()
        with self.assertQueryCount(queries_for_few):
            content = report._render_qweb_html(REPORT, wizard.ids)[0]
        self.assertIn(bulk[-1].member_number.encode(), content)


@tagged("post_install", "-at_install")
class TestMemberRegisterPdf(CoopBaseCase, HttpCase):
    """wkhtmltopdf fetches the report assets over HTTP: needs the test server."""

    def test_pdf_has_letterhead_footer_and_page_numbers_on_every_page(self):
        self.coop_a.write(
            {
                "coop_legal_name": "Alpha Bakery Co-operative Ltd",
                "coop_registration_number": "REG-0042",
                "email": "hello@alpha.example.com",
            }
        )
        partners = self.env["res.partner"].create(
            [{"name": f"Register Member {index:03d}"} for index in range(70)]
        )
        members = self.env["coop.membership"].create(
            [{"partner_id": partner.id, "company_id": self.coop_a.id} for partner in partners]
        )
        members._coop_admit("founding")
        wizard = self.env["coop.member.register.wizard"].create(
            {"company_id": self.coop_a.id, "date": date.today()}
        )
        action = wizard.with_user(self.officer_a).action_print()
        self.assertEqual(action["report_name"], "coop_base.report_member_register")
        pdf = render_pdf(self.env, REPORT, wizard.ids)
        pages = pdf_pages(pdf)
        self.assertGreater(len(pages), 1, "70 members take more than a page")
        for number, page in enumerate(pages, start=1):
            with self.subTest(page=number):
                self.assertIn("Alpha Bakery Co-operative Ltd", page)
                self.assertIn("Registration REG-0042", page)
                self.assertIn("hello@alpha.example.com", page)
                self.assertIn(f"Page {number} of {len(pages)}", page)
                self.assertNotIn(" ,", page)
        self.assertIn("Register Member 069", " ".join(pages))
        # one font: the body's, also in the letterhead and footer drawn on each page
        self.assertEqual(pdf_font_families(pdf), {"DejaVuSans"})
