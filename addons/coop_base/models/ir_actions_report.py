# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import models

from ..report_pages import stamp_pages


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        content, report_type = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        report = self._get_report(report_ref)
        if report_type != "pdf" or not report.report_name.startswith("coop_"):
            return content, report_type
        company = self._coop_report_company(report, res_ids)
        return self._coop_stamp(content, company), report_type

    def _coop_report_company(self, report, res_ids):
        """The co-op a suite document is about: its records' (the first one's)."""
        records = self.env[report.model].browse(res_ids or [])
        if records and "company_id" in records._fields and records[:1].company_id:
            return records[:1].company_id
        return self.env.company

    def _coop_stamp(self, pdf, company):
        """The co-op's letterhead, footer and "Page n of N" on each page."""
        company = company.sudo()
        partner = company.partner_id
        address = ", ".join(
            part
            for part in (
                partner.street,
                partner.street2,
                " ".join(filter(None, (partner.zip, partner.city))),
                partner.state_id.name,
                partner.country_id.name,
            )
            if part
        )
        registration = company.coop_registration_number and self.env._(
            "Registration %(number)s", number=company.coop_registration_number
        )
        contact = " · ".join(filter(None, (company.email, company.phone, company.website)))
        return stamp_pages(
            pdf,
            title=company.coop_legal_name or company.name,
            lines=[line for line in (address, registration) if line],
            footer=contact or company.name,
            page_label=lambda number, total: self.env._(
                "Page %(number)s of %(total)s", number=number, total=total
            ),
            logo=base64.b64decode(company.logo) if company.logo else None,
        )
