# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from reportlab.pdfgen import canvas

from odoo.tests import BaseCase

from ..report_pages import stamp_pages
from .common import pdf_font_families, pdf_pages


def blank_pdf(pages):
    """A PDF of ``pages`` pages, each saying which one it is."""
    stream = io.BytesIO()
    sheet = canvas.Canvas(stream)
    for number in range(1, pages + 1):
        sheet.drawString(200, 400, f"Body of sheet {number}")
        sheet.showPage()
    sheet.save()
    return stream.getvalue()


class TestReportPages(BaseCase):
    def test_every_page_gets_letterhead_footer_and_its_number(self):
        stamped = stamp_pages(
            blank_pdf(3),
            title="Green Valley Cooperative Association",
            lines=["12 Orchard Road, Springfield", "Registration MA-COOP-004512"],
            footer="hello@greenvalley.example.org",
            page_label=lambda number, total: f"Page {number} of {total}",
        )
        pages = pdf_pages(stamped)
        self.assertEqual(len(pages), 3)
        for number, page in enumerate(pages, start=1):
            with self.subTest(page=number):
                self.assertIn(f"Body of sheet {number}", page)
                self.assertIn("Green Valley Cooperative Association", page)
                self.assertIn("Registration MA-COOP-004512", page)
                self.assertIn("hello@greenvalley.example.org", page)
                self.assertIn(f"Page {number} of 3", page)

    def test_letters_beyond_latin_1_are_drawn_in_the_body_font(self):
        stamped = stamp_pages(
            blank_pdf(1),
            title="Spółdzielnia Mleczarska Łódź",
            lines=["ul. Źródlana 5, 90-001 Łódź"],
            footer="Szövetkezet Győr",
            page_label=lambda number, total: f"Strona {number} z {total}",
        )
        (page,) = pdf_pages(stamped)
        for text in ("Spółdzielnia Mleczarska Łódź", "ul. Źródlana 5", "Szövetkezet Győr"):
            self.assertIn(text, page)
        # the sheet drawn by the test itself uses Helvetica; the stamp adds only DejaVu Sans
        self.assertEqual(pdf_font_families(stamped), {"Helvetica", "DejaVuSans"})
