# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The co-op's letterhead, footer and page numbers on every page of a PDF.

wkhtmltopdf built on an unpatched Qt (Debian's) ignores ``--header-html`` and
``--footer-html`` and has no page counter, so Odoo's external layout prints no
header, footer or page number there. The suite's documents are drawn without
them and this module adds them to each page of the finished PDF, which works
with any wkhtmltopdf.
"""

import io

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen import canvas

from odoo.tools.pdf import PdfFileReader, PdfFileWriter

# Points from the page's edge (72 to the inch); the page's own margins (the
# paper format's 52 mm at the top, 32 mm at the bottom) leave the room.
EDGE = 36
LOGO_HEIGHT = 36
GREY = colors.HexColor("#444444")


def _fonts():
    """The body's font (DejaVu Sans, embedded: it has every Latin letter, where the
    PDF's built-in Helvetica leaves "ł" or "ő" blank), or Helvetica if missing."""
    try:
        for name, file in (
            ("DejaVuSans", "DejaVuSans.ttf"),
            ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
        ):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, file))
    except TTFError:
        return "Helvetica", "Helvetica-Bold"
    return "DejaVuSans", "DejaVuSans-Bold"


def stamp_pages(pdf, title, lines, footer, page_label, logo=None):
    """Return ``pdf`` (bytes) with, on every page, the ``logo`` (image bytes) and
    ``title`` over the header ``lines`` at the top, and ``footer`` and
    ``page_label(number, total)`` at the bottom."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    total = len(reader.pages)
    image = ImageReader(io.BytesIO(logo)) if logo else None
    regular, bold = _fonts()
    packet = io.BytesIO()
    sheet = canvas.Canvas(packet, initialFontName=regular)
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        sheet.setPageSize((width, height))
        sheet.setFillColor(GREY)
        left, top = EDGE, height - EDGE
        if image:
            logo_width, logo_height = image.getSize()
            drawn = LOGO_HEIGHT * logo_width / logo_height
            sheet.drawImage(image, left, top - LOGO_HEIGHT, drawn, LOGO_HEIGHT, mask="auto")
            left += drawn + 12
        sheet.setFont(bold, 10)
        sheet.drawString(left, top - 10, title)
        sheet.setFont(regular, 8)
        for index, line in enumerate(lines, start=1):
            sheet.drawString(left, top - 10 - 11 * index, line)
        sheet.line(EDGE, top - LOGO_HEIGHT - 8, width - EDGE, top - LOGO_HEIGHT - 8)
        sheet.line(EDGE, EDGE + 12, width - EDGE, EDGE + 12)
        sheet.drawString(EDGE, EDGE, footer)
        sheet.drawRightString(width - EDGE, EDGE, page_label(number, total))
        sheet.showPage()
    sheet.save()
    stamps = PdfFileReader(packet, strict=False)
    writer = PdfFileWriter()
    for page, stamp in zip(reader.pages, stamps.pages, strict=True):
        page.merge_page(stamp)
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
