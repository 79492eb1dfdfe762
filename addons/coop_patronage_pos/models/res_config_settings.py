# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_member_pricelist_id = fields.Many2one(
        related="company_id.coop_member_pricelist_id", readonly=False
    )
