# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .res_company import PAYROLL_BASES, PAYROLL_BASES_ONDELETE

# Payslips of the period: done, of the co-op, whose pay period ends in it; a
# refund payslip (credit note) takes back what its original counted.
PAYSLIPS_OF_PERIOD = """
    slip.company_id = %(company)s
    AND slip.state = 'done'
    AND slip.date_to BETWEEN %(date_from)s AND %(date_to)s
"""
SLIP_SIGN = "CASE WHEN slip.credit_note THEN -1 ELSE 1 END"


class CoopPatronagePeriod(models.Model):
    _inherit = "coop.patronage.period"

    basis = fields.Selection(selection_add=PAYROLL_BASES, ondelete=PAYROLL_BASES_ONDELETE)

    def _coop_measure_hours(self, partner_ids):
        code = self._coop_payroll_code("coop_patronage_hours_code")
        return self._coop_payslip_measure(
            partner_ids,
            SQL(
                """
                SELECT partner.commercial_partner_id,
                       ROUND(SUM(%(sign)s * line.number_of_hours)::numeric, 2)
                  FROM hr_payslip_worked_days line
                  JOIN hr_payslip slip ON slip.id = line.payslip_id
                """,
                sign=SQL(SLIP_SIGN),
            ),
            code,
        )

    def _coop_measure_wages(self, partner_ids):
        code = self._coop_payroll_code("coop_patronage_wage_code")
        return self._coop_payslip_measure(
            partner_ids,
            SQL(
                """
                SELECT partner.commercial_partner_id,
                       ROUND(SUM(%(sign)s * line.total)::numeric, 2)
                  FROM hr_payslip_line line
                  JOIN hr_payslip slip ON slip.id = line.slip_id
                """,
                sign=SQL(SLIP_SIGN),
            ),
            code,
        )

    def _coop_payroll_code(self, field_name):
        self.ensure_one()
        code = (self.company_id[field_name] or "").strip()
        if not code:
            raise UserError(
                self.env._(
                    "%(coop)s counts %(basis)s from payslips: set the %(field)s in the "
                    "co-op's patronage settings.",
                    coop=self.company_id.name,
                    basis=dict(self._fields["basis"]._description_selection(self.env))[self.basis],
                    field=self.company_id._fields[field_name].get_description(self.env)["string"],
                )
            )
        return code

    def _coop_payslip_measure(self, partner_ids, select, code):
        """Commercial partner of each employee's work contact -> the period's
        hours or wages on its done payslips (one aggregate query)."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                %(select)s
                  JOIN hr_employee employee ON employee.id = slip.employee_id
                  JOIN res_partner partner ON partner.id = employee.work_contact_id
                 WHERE %(of_period)s
                   AND line.code = %(code)s
                   AND partner.commercial_partner_id = ANY(%(partners)s)
              GROUP BY partner.commercial_partner_id
                """,
                select=select,
                of_period=self._coop_payslips_of_period(),
                code=code,
                partners=partner_ids,
            )
        )
        return {partner_id: Decimal(str(total)) for partner_id, total in self.env.cr.fetchall()}

    def _coop_payslips_of_period(self):
        return SQL(
            PAYSLIPS_OF_PERIOD,
            company=self.company_id.id,
            date_from=self.date_from,
            date_to=self.date_to,
        )

    def _coop_uncounted_employees(self):
        """Employees with done payslips in the period who are not eligible
        members: their hours and wages earn no patronage."""
        self.ensure_one()
        eligible = [commercial for _p, commercial, _s in self._coop_eligible().values()]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT employee.id
                  FROM hr_payslip slip
                  JOIN hr_employee employee ON employee.id = slip.employee_id
             LEFT JOIN res_partner partner ON partner.id = employee.work_contact_id
                 WHERE %(of_period)s
                   AND (partner.id IS NULL
                        OR NOT partner.commercial_partner_id = ANY(%(eligible)s))
              GROUP BY employee.id
                """,
                of_period=self._coop_payslips_of_period(),
                eligible=eligible,
            )
        )
        return self.env["hr.employee"].sudo().browse(row[0] for row in self.env.cr.fetchall())

    def _coop_compute(self):
        result = super()._coop_compute()
        payroll_bases = dict(PAYROLL_BASES)
        for period in self.filtered(lambda p: p.basis in payroll_bases):
            employees = period._coop_uncounted_employees()
            if employees:
                period.message_post(
                    body=self.env._(
                        "Payslips of employees who are not eligible members of the co-op were "
                        "not counted: %(names)s.",
                        names=", ".join(employees.sorted("name").mapped("name")),
                    )
                )
        return result
