from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_academy_seat_policy = fields.Selection(
        related="company_id.coop_academy_seat_policy", readonly=False
    )
    coop_academy_remind_days = fields.Integer(
        related="company_id.coop_academy_remind_days", readonly=False
    )
