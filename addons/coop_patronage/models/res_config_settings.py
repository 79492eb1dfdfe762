# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_patronage_basis = fields.Selection(
        related="company_id.coop_patronage_basis", readonly=False
    )
    coop_patronage_eligibility = fields.Selection(
        related="company_id.coop_patronage_eligibility", readonly=False
    )
    coop_patronage_reserve_percent = fields.Float(
        related="company_id.coop_patronage_reserve_percent", readonly=False
    )
    coop_patronage_education_percent = fields.Float(
        related="company_id.coop_patronage_education_percent", readonly=False
    )
    coop_patronage_cash_percent = fields.Float(
        related="company_id.coop_patronage_cash_percent", readonly=False
    )
    coop_patronage_consent = fields.Boolean(
        related="company_id.coop_patronage_consent", readonly=False
    )
    coop_patronage_loss_option = fields.Selection(
        related="company_id.coop_patronage_loss_option", readonly=False
    )
    coop_patronage_revolving_years = fields.Integer(
        related="company_id.coop_patronage_revolving_years", readonly=False
    )
