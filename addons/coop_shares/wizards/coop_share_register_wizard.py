# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io

import xlsxwriter

from odoo import _, fields, models


class CoopShareRegisterWizard(models.TransientModel):
    _name = "coop.share.register.wizard"
    _description = "Share Register as of a Date"

    company_id = fields.Many2one(
        "res.company", string="Co-op", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(
        string="As of", required=True, default=lambda self: self.env.company._coop_today()
    )
    export_format = fields.Selection(
        [("pdf", "PDF"), ("xlsx", "Spreadsheet (XLSX)"), ("csv", "CSV")],
        required=True,
        default="pdf",
    )
    file_data = fields.Binary(readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    def _register_rows(self):
        """Holdings at the date, one row per holder and class, sorted by member number."""
        self.ensure_one()
        Line = self.env["coop.share.line"]
        holdings = Line._get_holdings([("company_id", "=", self.company_id.id)], date=self.date)
        memberships = self.env["coop.membership"].sudo().browse({key[0] for key in holdings})
        classes = (
            self.env["coop.share.class"]
            .sudo()
            .with_context(active_test=False)
            .browse({key[1] for key in holdings})
        )
        memberships.fetch(["member_number", "partner_id", "state"])
        memberships.partner_id.fetch(["name"])
        rows = []
        for (membership_id, class_id), quantity in holdings.items():
            membership, share_class = memberships.browse(membership_id), classes.browse(class_id)
            rows.append(
                {
                    "member_number": membership.member_number or "",
                    "holder": membership.partner_id.name,
                    "state": membership.state,
                    "class_code": share_class.code,
                    "class_name": share_class.name,
                    "quantity": quantity,
                    "nominal_value": share_class.nominal_value,
                    "capital": quantity * share_class.nominal_value,
                }
            )
        rows.sort(key=lambda row: (row["member_number"], row["holder"], row["class_code"]))
        return rows

    def _headers(self):
        return [
            _("Member number"),
            _("Holder"),
            _("Membership state"),
            _("Class"),
            _("Shares"),
            _("Nominal value"),
            _("Capital"),
        ]

    def _row_values(self, row):
        return [
            row["member_number"],
            row["holder"],
            row["state"],
            row["class_code"],
            row["quantity"],
            row["nominal_value"],
            row["capital"],
        ]

    def action_export(self):
        self.ensure_one()
        if self.export_format == "pdf":
            return self.env.ref("coop_shares.action_report_share_register").report_action(self)
        rows = self._register_rows()
        stem = _("share_register_%(date)s", date=self.date)
        if self.export_format == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(self._headers())
            writer.writerows(self._row_values(row) for row in rows)
            data, name = buffer.getvalue().encode(), f"{stem}.csv"
        else:
            buffer = io.BytesIO()
            workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
            sheet = workbook.add_worksheet(_("Register"))
            sheet.write_row(0, 0, self._headers())
            for index, row in enumerate(rows, start=1):
                sheet.write_row(index, 0, self._row_values(row))
            workbook.close()
            data, name = buffer.getvalue(), f"{stem}.xlsx"
        self.write({"file_data": base64.b64encode(data), "file_name": name})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file_data/{name}?download=true",
            "target": "self",
        }
