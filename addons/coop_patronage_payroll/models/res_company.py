# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# what a worker co-op counts; uninstalling the bridge falls back to purchases
PAYROLL_BASES = [
    ("hours", "Hours worked (payslips)"),
    ("wages", "Wages (payslips)"),
]
PAYROLL_BASES_ONDELETE = {key: "set purchases" for key, _label in PAYROLL_BASES}


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_patronage_basis = fields.Selection(
        selection_add=PAYROLL_BASES, ondelete=PAYROLL_BASES_ONDELETE
    )
    coop_patronage_hours_code = fields.Char(
        string="Worked Days Code",
        default="WORK100",
        help="Code of the payslips' worked days lines whose hours count as patronage.",
    )
    coop_patronage_wage_code = fields.Char(
        string="Wage Rule Code",
        default="GROSS",
        help="Code of the salary rule whose amount on the payslips counts as patronage.",
    )
