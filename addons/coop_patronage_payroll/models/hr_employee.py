# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    coop_membership_id = fields.Many2one(
        "coop.membership",
        string="Membership",
        compute="_compute_coop_membership_id",
        groups="coop_base.group_coop_officer",
        help="The worker's membership of the employer co-op, found through the employee's work "
        "contact: its payslips count as patronage while the membership is eligible.",
    )

    @api.depends("work_contact_id", "company_id")
    def _compute_coop_membership_id(self):
        Membership = self.env["coop.membership"]
        for employee in self:
            employee.coop_membership_id = (
                Membership._get_membership(employee.work_contact_id, employee.company_id)
                if employee.work_contact_id
                else False
            )
