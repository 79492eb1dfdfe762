# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command

from odoo.addons.coop_patronage.tests.common import YEAR, CoopPatronageCommon


class CoopPayrollCommon(CoopPatronageCommon):
    """A worker co-op paying its members (and an employee who is not one) by
    a salary structure of its own, counting hours as patronage."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop.coop_patronage_basis = "hours"
        Category = cls.env["hr.salary.rule.category"]
        basic = Category.create({"name": "Basic", "code": "BASIC"})
        gross = Category.create({"name": "Gross", "code": "GROSS"})

        def rule(code, category, formula, sequence):
            return cls.env["hr.salary.rule"].create(
                {
                    "name": code.title(),
                    "code": code,
                    "sequence": sequence,
                    "category_id": category.id,
                    "condition_select": "none",
                    "amount_select": "code",
                    "amount_python_compute": formula,
                }
            )

        cls.structure = cls.env["hr.payroll.structure"].create(
            {
                "name": "Worker-owner pay",
                "code": "WO",
                "rule_ids": [
                    Command.set(
                        (
                            rule("BASIC", basic, "result = contract.wage", 1)
                            | rule("GROSS", gross, "result = categories.BASIC + 100", 100)
                        ).ids
                    )
                ],
            }
        )
        cls.nina = cls.env["res.partner"].create({"name": "Nina Employee"})
        cls.contracts = {
            partner.id: cls._contract(partner, wage)
            for partner, wage in (
                (cls.alice.partner_id, 3000.0),
                (cls.bob.partner_id, 2000.0),
                (cls.dan.partner_id, 2500.0),
                (cls.nina, 1000.0),
            )
        }

    @classmethod
    def _contract(cls, partner, wage):
        employee = cls.env["hr.employee"].create(
            {"name": partner.name, "work_contact_id": partner.id, "company_id": cls.coop.id}
        )
        return cls.env["hr.contract"].create(
            {
                "name": f"{partner.name} contract",
                "employee_id": employee.id,
                "struct_id": cls.structure.id,
                "wage": wage,
                "date_start": datetime.date(YEAR - 1, 1, 1),
                "state": "open",
            }
        )

    def _payslip(self, partner, month, done=True):
        """The month's payslip of ``partner``'s contract (month 1 = January of YEAR)."""
        contract = self.contracts[partner.id]
        start = datetime.date(YEAR, 1, 1) + relativedelta(months=month - 1)
        end = start + relativedelta(months=1, days=-1)
        Payslip = self.env["hr.payslip"]
        slip = Payslip.create(
            {
                "employee_id": contract.employee_id.id,
                "contract_id": contract.id,
                "struct_id": self.structure.id,
                "date_from": start,
                "date_to": end,
                "worked_days_line_ids": [
                    Command.create(line)
                    for line in Payslip.get_worked_day_lines(contract, start, end)
                ],
            }
        )
        slip.compute_sheet()
        if done:
            slip.action_payslip_done()
        return slip

    def _hours(self, slips):
        return sum(
            slips.worked_days_line_ids.filtered(lambda line: line.code == "WORK100").mapped(
                "number_of_hours"
            )
        )
