# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command, api, models
from odoo.exceptions import UserError

from .hr_contract import BUYIN_RULE_CODE


class HrPayslip(models.Model):
    _inherit = "hr.payslip"

    @api.model
    def _coop_demo_year(self, company_id):
        """Demo: the worker co-op's last year through the real workflows — monthly
        payslips done and posted (a buy-in deduction paying its capital invoice),
        the bakery's sales invoiced, then the year closed: patronage by hours
        computed, posted and its cash portion paid."""
        company = self.env["res.company"].browse(company_id)
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        Account = env["account.account"].with_company(company)
        journal = env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "general")], limit=1
        )
        wages = Account.search([("account_type", "=", "expense")], limit=1)
        payable = Account.search([("account_type", "=", "liability_current")], limit=1)
        env.ref("coop_patronage_payroll.demo_rule_basic").account_debit = wages
        env.ref("coop_patronage_payroll.demo_rule_net").account_credit = payable
        contracts = env["hr.contract"].search([("company_id", "=", company.id)])
        contracts.journal_id = journal

        year = datetime.date.today().year - 1
        slips = self.with_env(env)
        for contract in contracts:
            month = max(contract.date_start, datetime.date(year, 1, 1)).replace(day=1)
            while month.year == year:
                end = month + relativedelta(months=1, days=-1)
                slips |= self.with_env(env).create(
                    {
                        "employee_id": contract.employee_id.id,
                        "contract_id": contract.id,
                        "struct_id": contract.struct_id.id,
                        "company_id": company.id,
                        "date_from": month,
                        "date_to": end,
                        "worked_days_line_ids": [
                            Command.create(line)
                            for line in self.with_env(env).get_worked_day_lines(
                                contract, month, end
                            )
                        ],
                    }
                )
                month += relativedelta(months=1)
        # month by month, as payroll does: a buy-in deduction is computed from what
        # the payslips confirmed before it left to pay (payroll confirms one per call)
        for slip in slips:
            slip.compute_sheet()
            slip.action_payslip_done()

        sales = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "company_id": company.id,
                "partner_id": env.ref("coop_patronage_payroll.demo_partner_cafe").id,
                "invoice_date": datetime.date(year, 12, 20),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Bread and pastries, wholesale, last year",
                            "quantity": 1,
                            "price_unit": 175000.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        sales.action_post()

        period = env["coop.patronage.period"].create(
            {
                "name": f"Patronage {year}",
                "company_id": company.id,
                "date_from": datetime.date(year, 1, 1),
                "date_to": datetime.date(year, 12, 31),
                "date": datetime.date(year + 1, 3, 1),
            }
        )
        # the surplus is the year's profit and loss, so no override is needed
        period.surplus = period.pl_surplus
        period.action_compute()
        period.action_post()
        period._coop_demo_pay_cash()
        return period

    def action_payslip_done(self):
        result = super().action_payslip_done()
        self._coop_pay_buyin()
        return result

    def _coop_pay_buyin(self):
        """Each buy-in deduction pays the worker's capital invoice: the payslip
        entry's credit on the member's receivable is reconciled with it (the
        last instalment settles the subscription and issues the shares)."""
        for slip in self.filtered("move_id"):
            request = slip.contract_id.sudo().coop_buyin_request_id
            deducted = slip.line_ids.filtered(lambda line: line.code == BUYIN_RULE_CODE)
            if not request or not sum(deducted.mapped("total")):
                continue
            invoice_lines = request.move_id.line_ids.filtered(
                lambda line: (
                    line.account_id.account_type == "asset_receivable" and not line.reconciled
                )
            )
            partner = request.partner_id.commercial_partner_id
            deductions = slip.move_id.sudo().line_ids.filtered(
                lambda line, invoice_lines=invoice_lines, partner=partner: (
                    line.account_id in invoice_lines.account_id
                    and line.partner_id.commercial_partner_id == partner
                    and line.credit
                )
            )
            if not invoice_lines or not deductions:
                raise UserError(
                    self.env._(
                        "%(slip)s deducts a capital buy-in, but its entry does not credit "
                        "%(partner)s's receivable account of %(invoice)s: give the salary rule "
                        "%(code)s that account as its debit account.",
                        slip=slip.number or slip.name,
                        partner=partner.name,
                        invoice=request.move_id.name,
                        code=BUYIN_RULE_CODE,
                    )
                )
            (deductions | invoice_lines.sudo()).reconcile()
