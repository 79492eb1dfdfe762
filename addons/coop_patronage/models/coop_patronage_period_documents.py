# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
import base64
import csv
import io

from odoo import models
from odoo.exceptions import UserError

# Form 1099-PATR is filed for each member paid 10 dollars or more.
FORM_1099_PATR_THRESHOLD = 10.0
FORM_1099_PATR_COLUMNS = (
    "tax_year",
    "payer_name",
    "payer_tin",
    "payer_address",
    "recipient_name",
    "recipient_tin",
    "recipient_address",
    "member_number",
    "box1_patronage_dividends",
)


class CoopPatronagePeriod(models.Model):
    """What a period gives to people: notices, the board's report, tax figures."""

    _inherit = "coop.patronage.period"

    def action_open_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def action_print_notices(self):
        self._check_state("posted")
        return self.env.ref("coop_patronage.action_report_coop_patronage_notice").report_action(
            self.allocation_ids.filtered("allocated_amount")
        )

    def _coop_1099_patr_rows(self):
        """One row per member paid 10 or more: box 1 holds the cash portion and,
        for a qualified notice, the retained part too (both taxed this year)."""
        self.ensure_one()
        company = self.company_id

        def address(partner):
            return ", ".join(
                part
                for part in (
                    partner.street,
                    partner.street2,
                    partner.city,
                    partner.state_id.code,
                    partner.zip,
                )
                if part
            )

        rows = []
        for allocation in self.allocation_ids:
            box1 = allocation.cash_amount + (
                allocation.retained_amount if allocation.qualified else 0.0
            )
            if box1 < FORM_1099_PATR_THRESHOLD:
                continue
            partner = allocation.partner_id
            rows.append(
                {
                    "tax_year": self.date.year,
                    "payer_name": company.coop_legal_name or company.name,
                    "payer_tin": company.vat or "",
                    "payer_address": address(company.partner_id),
                    "recipient_name": partner.name,
                    "recipient_tin": partner.vat or "",
                    "recipient_address": address(partner),
                    "member_number": allocation.membership_id.member_number or "",
                    "box1_patronage_dividends": f"{box1:.2f}",
                }
            )
        return rows

    def action_export_1099_patr(self):
        self.ensure_one()
        self._check_manager()  # members' tax identification numbers
        self._check_state("posted")
        rows = self._coop_1099_patr_rows()
        if not rows:
            raise UserError(
                self.env._("No member of %(period)s was paid 10 or more.", period=self.name)
            )
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FORM_1099_PATR_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"1099-PATR {self.name}.csv",
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "text/csv",
                "datas": base64.b64encode(buffer.getvalue().encode()),
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }
