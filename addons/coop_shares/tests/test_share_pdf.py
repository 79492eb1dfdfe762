# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.coop_base.tests.common import pdf_font_families, pdf_pages, render_pdf

from .common import CoopSharesCommon


@tagged("post_install", "-at_install")
class TestSharePdf(CoopSharesCommon, HttpCase):
    """Real PDFs by wkhtmltopdf (it fetches the report assets from the test server),
    read back as text by poppler."""

    def test_certificate_text_is_selectable(self):
        holder = self._membership("Clara Certified")
        subscription = self._issue(holder, self.member_class, 3)
        pdf = render_pdf(self.env, "coop_shares.action_report_share_certificate", subscription.ids)
        (page,) = pdf_pages(pdf)
        for text in ("Share Certificate", "Clara Certified", "[MS] Member share", "Page 1 of 1"):
            self.assertIn(text, page)
        line = subscription.line_ids
        self.assertRegex(page, rf"{line.name} .* 3 ")
        self.assertNotIn(" ,", page)
        self.assertEqual(pdf_font_families(pdf), {"DejaVuSans"})

    def test_statement_and_register_carry_the_letterhead(self):
        self.coop.coop_registration_number = "CO-2026-7"
        holder = self._membership("Sam Statement")
        self._issue(holder, self.member_class, 2)
        self._issue(holder, self.investor_class, 1)
        statement = pdf_pages(
            render_pdf(self.env, "coop_shares.action_report_share_statement", holder.ids)
        )
        register = pdf_pages(
            render_pdf(
                self.env,
                "coop_shares.action_report_share_register",
                self.env["coop.share.register.wizard"].create({"company_id": self.coop.id}).ids,
            )
        )
        for document in (statement, register):
            for number, page in enumerate(document, start=1):
                self.assertIn(self.coop.name, page)
                self.assertIn("Registration CO-2026-7", page)
                self.assertIn(f"Page {number} of {len(document)}", page)
                self.assertNotIn(" ,", page)
        self.assertIn("Sam Statement", statement[0])
        register_text = " ".join(register)
        self.assertIn("Sam Statement", register_text)
        # shares of different classes are totalled apart; only the capital adds up
        self.assertRegex(register_text, r"Total MS 2 \S*\s?100\.00")
        self.assertRegex(register_text, r"Total IS 1 \S*\s?500\.00")
        self.assertRegex(register_text, r"Total capital \S*\s?600\.00")
        self.assertNotRegex(register_text, r"Total 3 ")
