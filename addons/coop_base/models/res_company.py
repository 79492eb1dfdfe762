from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.misc import babel_locale_parse

from odoo.addons.base.models.res_partner import _tz_get

from .. import coop_time, membership_rules

COOP_TYPES = [
    ("worker", "Worker"),
    ("consumer", "Consumer"),
    ("producer", "Producer"),
    ("housing", "Housing"),
    ("multi_stakeholder", "Multi-stakeholder"),
    ("credit_union", "Credit Union"),
    ("platform", "Platform"),
    ("other", "Other"),
]

MAJORITIES = [
    ("simple", "Simple majority"),
    ("two_thirds", "Two thirds"),
    ("three_quarters", "Three quarters"),
    ("unanimity", "Unanimity"),
    ("consensus", "Consensus"),
]

MONTHS = [(str(month), str(month)) for month in range(1, 13)]


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_type = fields.Selection(COOP_TYPES, string="Co-op Type")
    coop_legal_name = fields.Char(string="Co-op Legal Name")
    coop_legal_form = fields.Char(string="Legal Form")
    coop_jurisdiction_country_id = fields.Many2one("res.country", string="Jurisdiction Country")
    coop_jurisdiction_state_id = fields.Many2one(
        "res.country.state",
        string="Jurisdiction State/Region",
        domain="[('country_id', '=?', coop_jurisdiction_country_id)]",
    )
    coop_registration_number = fields.Char(string="Registration Number")
    coop_founding_date = fields.Date(string="Founding Date")
    coop_fiscal_year_end_month = fields.Selection(
        MONTHS, string="Fiscal Year End Month", default="12"
    )
    coop_fiscal_year_end_day = fields.Integer(string="Fiscal Year End Day", default=31)
    coop_membership_fee = fields.Monetary(string="Membership Fee", currency_field="currency_id")
    coop_bylaws_url = fields.Char(
        string="Bylaws (link)",
        help="Where applicants read the bylaws they accept: the application form links it.",
    )
    coop_min_shares_per_member = fields.Integer(string="Minimum Shares per Member", default=1)
    coop_max_shares_per_member = fields.Integer(
        string="Maximum Shares per Member", default=0, help="0 means no maximum."
    )
    coop_quorum_type = fields.Selection(
        [("number", "Number of members"), ("percent", "Percentage of members")],
        string="Quorum Type",
        default="percent",
    )
    coop_quorum_value = fields.Float(string="Quorum", default=50.0)
    coop_default_majority = fields.Selection(
        MAJORITIES, string="Default Majority", default="simple"
    )
    coop_notice_period_days = fields.Integer(string="Notice Period (days)", default=14)
    coop_proxy_allowed = fields.Boolean(string="Proxies Allowed")
    coop_max_proxies_per_member = fields.Integer(string="Maximum Proxies per Member", default=1)
    coop_accepts_applications = fields.Boolean(
        string="Accepts Applications",
        help="Offer this co-op in the portal membership application form.",
    )
    coop_tz = fields.Selection(
        _tz_get,
        string="Co-op Time Zone",
        help="The co-op's wall clock: its dates (today, notice periods, eligibility, decision "
        "dates) are days in this zone. Empty: the time zone of the co-op's address, else the "
        "administrator's, else UTC.",
    )
    coop_membership_sequence_id = fields.Many2one(
        "ir.sequence",
        string="Member Number Sequence",
        copy=False,
        help="Created on the first admission when empty.",
    )

    @api.constrains("coop_fiscal_year_end_month", "coop_fiscal_year_end_day")
    def _check_coop_fiscal_year_end(self):
        for company in self:
            if not company.coop_fiscal_year_end_month:
                continue
            if not membership_rules.is_valid_month_day(
                int(company.coop_fiscal_year_end_month), company.coop_fiscal_year_end_day
            ):
                raise ValidationError(
                    self.env._(
                        "The fiscal year end of %(company)s, day %(day)s of month %(month)s, "
                        "is not a date.",
                        company=company.name,
                        day=company.coop_fiscal_year_end_day,
                        month=company.coop_fiscal_year_end_month,
                    )
                )

    @api.constrains("coop_bylaws_url")
    def _check_coop_bylaws_url(self):
        # the link is put before every applicant on the portal: a web address, nothing
        # a browser would run (javascript:, data:)
        for company in self.filtered("coop_bylaws_url"):
            if not company.coop_bylaws_url.strip().lower().startswith(("https://", "http://")):
                raise ValidationError(
                    self.env._(
                        "%(company)s: the bylaws link must be a web address starting with "
                        "https:// or http://.",
                        company=company.name,
                    )
                )

    @api.constrains("coop_min_shares_per_member", "coop_max_shares_per_member")
    def _check_coop_shares_bounds(self):
        for company in self:
            if not membership_rules.shares_bounds_consistent(
                company.coop_min_shares_per_member, company.coop_max_shares_per_member
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: the share limits per member must be positive and the maximum "
                        "(0 for none) may not be below the minimum.",
                        company=company.name,
                    )
                )

    @api.constrains(
        "coop_quorum_type",
        "coop_quorum_value",
        "coop_notice_period_days",
        "coop_max_proxies_per_member",
    )
    def _check_coop_meeting_rules(self):
        for company in self:
            if not membership_rules.quorum_consistent(
                company.coop_quorum_type, company.coop_quorum_value
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s: a quorum percentage lies between 0 and 100.",
                        company=company.name,
                    )
                )
            if company.coop_notice_period_days < 0 or company.coop_max_proxies_per_member < 0:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the notice period and the number of proxies "
                        "cannot be negative.",
                        company=company.name,
                    )
                )

    def _coop_check_settings_access(self, vals):
        """Co-op settings are a board decision: only co-op managers and
        administrators change them. Co-op managers may write companies for
        that purpose only, never their other fields."""
        if self.env.su:
            return
        user = self.env.user
        if user.has_group("base.group_erp_manager"):
            return
        coop_fields = {name for name in vals if name.startswith("coop_")}
        if coop_fields and not user.has_group("coop_base.group_coop_manager"):
            raise AccessError(self.env._("Only co-op managers can change the co-op settings."))
        if set(vals) - coop_fields:
            raise AccessError(
                self.env._("Co-op managers can only change the co-op settings of a company.")
            )

    def write(self, vals):
        self._coop_check_settings_access(vals)
        return super().write(vals)

    @api.model
    def action_open_coop_settings(self):
        """The settings form of the co-op the user works in (the company
        selected in the switcher): one company is one co-op."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Co-op Settings"),
            "res_model": "res.company",
            "res_id": self.env.company.id,
            "view_mode": "form",
            "views": [[self.env.ref("coop_base.res_company_view_form_coop_settings").id, "form"]],
            "target": "current",
        }

    # ------------------------------------------------------------------
    # The co-op's calendar: every "today" of a co-op goes through these,
    # never through the UTC date or the current user's time zone
    # ------------------------------------------------------------------
    def _coop_tz_name(self):
        """Name of the time zone of this co-op (see ``coop_tz``)."""
        self.ensure_one()
        company = self.sudo()
        if company.coop_tz or company.partner_id.tz:
            return company.coop_tz or company.partner_id.tz
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        return (admin and admin.sudo().tz) or "UTC"

    def _coop_mail_datetime(self, value, partner):
        """``value`` (a stored datetime) for a mail to ``partner``: in their
        time zone (else the co-op's) and language, without seconds."""
        self.ensure_one()
        tz_name = partner.tz or self._coop_tz_name()
        locale = babel_locale_parse(partner.lang or self.env.lang or "en_US")
        return coop_time.member_datetime(value, tz_name, locale)

    def _coop_now(self):
        """The current time on the co-op's wall clock (an aware datetime)."""
        return coop_time.local_now(fields.Datetime.now(), self._coop_tz_name())

    def _coop_today(self):
        """Today's date for this co-op."""
        return self._coop_now().date()

    def _coop_date_of(self, value):
        """The co-op's calendar date of a stored (naive UTC) datetime."""
        return coop_time.local_date(fields.Datetime.to_datetime(value), self._coop_tz_name())

    def _coop_day_start(self, day):
        """The stored (naive UTC) datetime at which the co-op's ``day`` starts."""
        return coop_time.day_start_utc(fields.Date.to_date(day), self._coop_tz_name())

    def _coop_get_membership_sequence(self):
        """Member number sequence of this co-op, created on first use."""
        self.ensure_one()
        if not self.coop_membership_sequence_id:
            sequence = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Member numbers of %s", self.name),
                        "code": "coop.membership",
                        "prefix": "M",
                        "padding": 5,
                        "company_id": self.id,
                        "implementation": "standard",
                    }
                )
            )
            self.sudo().coop_membership_sequence_id = sequence
        return self.coop_membership_sequence_id
