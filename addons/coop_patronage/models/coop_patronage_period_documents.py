# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
import base64
import csv
import io

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import patronage_rules as rules

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
    "box5_redemption_of_nonqualified_notices",
)


class CoopPatronagePeriod(models.Model):
    """What a period gives to people: notices, the board's report, tax figures."""

    _inherit = "coop.patronage.period"

    def action_open_moves(self):
        self.ensure_one()
        moves = self.move_ids | self.reversal_move_ids
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Journal Entries"),
            "res_model": "account.move",
            "domain": [("id", "in", moves.ids)],
            "view_mode": "list,form",
        }
        if len(moves) == 1:
            action.update(res_id=moves.id, view_mode="form")
        return action

    def action_print_notices(self):
        self._check_state("posted")
        return self.env.ref("coop_patronage.action_report_coop_patronage_notice").report_action(
            self.allocation_ids.filtered("allocated_amount")
        )

    def _coop_1099_patr_rows(self):
        """One row per member paid 10 or more in the tax year of the allocation
        date. Box 1: the cash portion and, for a qualified notice, the retained
        part too (both taxed this year). Box 5: the year's redemptions of
        nonqualified notices (taxed when redeemed)."""
        self.ensure_one()
        company = self.company_id
        tax_year = self.date.year

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

        box1 = {
            allocation.membership_id.id: allocation.cash_amount
            + (allocation.retained_amount if allocation.qualified else 0.0)
            for allocation in self.allocation_ids
        }
        box5 = self._coop_1099_box5(tax_year)
        rows = []
        memberships = self.env["coop.membership"].browse(sorted(set(box1) | set(box5)))
        for membership in memberships:
            amounts = box1.get(membership.id, 0.0), box5.get(membership.id, 0.0)
            if sum(amounts) < FORM_1099_PATR_THRESHOLD:
                continue
            partner = membership.partner_id.commercial_partner_id
            rows.append(
                {
                    "tax_year": tax_year,
                    "payer_name": company.coop_legal_name or company.name,
                    "payer_tin": company.vat or "",
                    "payer_address": address(company.partner_id),
                    "recipient_name": partner.name,
                    "recipient_tin": partner.vat or "",
                    "recipient_address": address(partner),
                    "member_number": membership.member_number or "",
                    "box1_patronage_dividends": f"{amounts[0]:.2f}",
                    "box5_redemption_of_nonqualified_notices": f"{amounts[1]:.2f}",
                }
            )
        return rows

    def _coop_1099_box5(self, tax_year):
        """Membership id -> what its redemptions paid in ``tax_year`` retired of
        nonqualified notices, oldest allocation years first (one query for the
        members redeemed that year; reversed entries left out with their reversal)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT line.membership_id, line.operation, line.year, line.date,
                       line.amount, period.cash_percent, period.consent
                  FROM coop_capital_account_line line
             LEFT JOIN coop_patronage_period period ON period.id = line.period_id
                 WHERE line.company_id = %(company)s
                   AND line.date <= %(year_end)s
                   AND line.operation != 'reversal'
                   AND NOT EXISTS (SELECT 1 FROM coop_capital_account_line reversal
                                    WHERE reversal.reversed_line_id = line.id)
                   AND line.membership_id IN (
                       SELECT membership_id FROM coop_capital_account_line
                        WHERE company_id = %(company)s AND operation = 'redemption'
                          AND date BETWEEN %(year_start)s AND %(year_end)s)
              ORDER BY line.membership_id, line.date, line.id
                """,
                company=self.company_id.id,
                year_start=f"{tax_year}-01-01",
                year_end=f"{tax_year}-12-31",
            )
        )
        entries = {}
        for membership_id, operation, year, date, amount, cash, consent in self.env.cr.fetchall():
            credits, debits = entries.setdefault(membership_id, ([], []))
            cents = rules.to_cents(amount)
            if cents > 0:
                credits.append((year, cents, rules.is_qualified(cash or 0, consent)))
            else:
                debits.append((date, -cents, operation == "redemption"))
        return {
            membership_id: cents / 100
            for membership_id, (credits, debits) in entries.items()
            if (cents := rules.nonqualified_redeemed(credits, debits, tax_year))
        }

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
