# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_admission_rule = fields.Selection(related="company_id.coop_admission_rule", readonly=False)
    coop_admission_breach = fields.Selection(
        related="company_id.coop_admission_breach", readonly=False
    )
    coop_membership_fee_account_id = fields.Many2one(
        related="company_id.coop_membership_fee_account_id", readonly=False
    )
