from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_type = fields.Selection(related="company_id.coop_type", readonly=False)
    coop_legal_name = fields.Char(related="company_id.coop_legal_name", readonly=False)
    coop_legal_form = fields.Char(related="company_id.coop_legal_form", readonly=False)
    coop_jurisdiction_country_id = fields.Many2one(
        related="company_id.coop_jurisdiction_country_id", readonly=False
    )
    coop_jurisdiction_state_id = fields.Many2one(
        related="company_id.coop_jurisdiction_state_id", readonly=False
    )
    coop_registration_number = fields.Char(
        related="company_id.coop_registration_number", readonly=False
    )
    coop_founding_date = fields.Date(related="company_id.coop_founding_date", readonly=False)
    coop_fiscal_year_end_month = fields.Selection(
        related="company_id.coop_fiscal_year_end_month", readonly=False
    )
    coop_fiscal_year_end_day = fields.Integer(
        related="company_id.coop_fiscal_year_end_day", readonly=False
    )
    coop_currency_id = fields.Many2one(related="company_id.currency_id", string="Co-op Currency")
    coop_membership_fee = fields.Monetary(
        related="company_id.coop_membership_fee", readonly=False, currency_field="coop_currency_id"
    )
    coop_bylaws_url = fields.Char(related="company_id.coop_bylaws_url", readonly=False)
    coop_min_shares_per_member = fields.Integer(
        related="company_id.coop_min_shares_per_member", readonly=False
    )
    coop_max_shares_per_member = fields.Integer(
        related="company_id.coop_max_shares_per_member", readonly=False
    )
    coop_quorum_type = fields.Selection(related="company_id.coop_quorum_type", readonly=False)
    coop_quorum_value = fields.Float(related="company_id.coop_quorum_value", readonly=False)
    coop_default_majority = fields.Selection(
        related="company_id.coop_default_majority", readonly=False
    )
    coop_notice_period_days = fields.Integer(
        related="company_id.coop_notice_period_days", readonly=False
    )
    coop_proxy_allowed = fields.Boolean(related="company_id.coop_proxy_allowed", readonly=False)
    coop_max_proxies_per_member = fields.Integer(
        related="company_id.coop_max_proxies_per_member", readonly=False
    )
    coop_tz = fields.Selection(related="company_id.coop_tz", readonly=False)
    coop_accepts_applications = fields.Boolean(
        related="company_id.coop_accepts_applications", readonly=False
    )
