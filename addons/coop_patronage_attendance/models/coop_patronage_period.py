# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import fields, models
from odoo.tools import SQL

from .res_company import ATTENDANCE_BASIS, ATTENDANCE_BASIS_ONDELETE


class CoopPatronagePeriod(models.Model):
    _inherit = "coop.patronage.period"

    basis = fields.Selection(selection_add=ATTENDANCE_BASIS, ondelete=ATTENDANCE_BASIS_ONDELETE)

    def _coop_measure_attendance(self, partner_ids):
        """Commercial partner of each employee's work contact -> hours of the
        attendances closed (checked out) that began in the period, in the co-op's
        time zone (one aggregate query)."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT partner.commercial_partner_id,
                       ROUND(SUM(attendance.worked_hours)::numeric, 2)
                  FROM hr_attendance attendance
                  JOIN hr_employee employee ON employee.id = attendance.employee_id
                  JOIN res_partner partner ON partner.id = employee.work_contact_id
                 WHERE employee.company_id = %(company)s
                   AND attendance.check_out IS NOT NULL
                   AND (attendance.check_in AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                       BETWEEN %(date_from)s AND %(date_to)s
                   AND partner.commercial_partner_id = ANY(%(partners)s)
              GROUP BY partner.commercial_partner_id
                """,
                company=self.company_id.id,
                tz=self.company_id._coop_tz_name(),
                date_from=self.date_from,
                date_to=self.date_to,
                partners=partner_ids,
            )
        )
        return {partner_id: Decimal(str(total)) for partner_id, total in self.env.cr.fetchall()}
