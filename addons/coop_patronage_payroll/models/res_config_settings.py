# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_patronage_hours_code = fields.Char(
        related="company_id.coop_patronage_hours_code", readonly=False
    )
    coop_patronage_wage_code = fields.Char(
        related="company_id.coop_patronage_wage_code", readonly=False
    )
