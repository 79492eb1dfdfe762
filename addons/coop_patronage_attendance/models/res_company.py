# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# uninstalling the bridge falls back to purchases
ATTENDANCE_BASIS = [("attendance", "Hours attended (attendances)")]
ATTENDANCE_BASIS_ONDELETE = {"attendance": "set purchases"}


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_patronage_basis = fields.Selection(
        selection_add=ATTENDANCE_BASIS, ondelete=ATTENDANCE_BASIS_ONDELETE
    )
