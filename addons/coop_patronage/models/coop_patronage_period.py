# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import patronage_rules as rules
from .res_company import BASES

STATES = [
    ("draft", "Draft"),
    ("computing", "Computing"),
    ("computed", "Computed"),
    ("posting", "Posting"),
    ("posted", "Posted"),
    ("reversing", "Reversing"),
    ("reversed", "Reversed"),
]
# the bylaw parameters a period copies from its co-op when it is created
COMPANY_PARAMETERS = {
    "basis": "coop_patronage_basis",
    "eligibility": "coop_patronage_eligibility",
    "reserve_percent": "coop_patronage_reserve_percent",
    "education_percent": "coop_patronage_education_percent",
    "cash_percent": "coop_patronage_cash_percent",
    "consent": "coop_patronage_consent",
    "loss_option": "coop_patronage_loss_option",
}
PARAMETER_FIELDS = (
    "name",
    "company_id",
    "date_from",
    "date_to",
    "date",
    "surplus",
    "override_reason",
    *COMPANY_PARAMETERS,
)


class CoopPatronagePeriod(models.Model):
    """A period's surplus and its allocation to the members by patronage:
    draft → computed (measures and split) → posted (one journal entry,
    capital accounts) → reversed (corrected by reversal, never edited)."""

    _name = "coop.patronage.period"
    _description = "Patronage Period"
    _inherit = ["coop.protected.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "company_id, date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Co-op",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    date = fields.Date(
        string="Allocation Date",
        required=True,
        tracking=True,
        default=lambda self: self.env.company._coop_today(),
        help="Date of the allocation entry and of the capital account entries.",
    )
    year = fields.Integer(compute="_compute_year", store=True, aggregator=None)
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, index=True, tracking=True
    )
    basis = fields.Selection(BASES, required=True, tracking=True)
    eligibility = fields.Selection(
        lambda self: self.env["res.company"]._fields["coop_patronage_eligibility"].selection,
        required=True,
        tracking=True,
    )
    reserve_percent = fields.Float(string="Collective Reserve (%)", tracking=True)
    education_percent = fields.Float(string="Education Fund (%)", tracking=True)
    cash_percent = fields.Float(string="Cash Portion (%)", tracking=True)
    consent = fields.Boolean(string="Members Consent by Bylaw", tracking=True)
    loss_option = fields.Selection(
        lambda self: self.env["res.company"]._fields["coop_patronage_loss_option"].selection,
        string="Losses",
        required=True,
        tracking=True,
    )
    surplus = fields.Monetary(
        tracking=True,
        help="The surplus from business with members to allocate (negative for a loss).",
    )
    pl_surplus = fields.Monetary(
        string="Profit and Loss",
        compute="_compute_pl_surplus",
        help="Income minus expenses of the period's posted entries.",
    )
    override_reason = fields.Text(
        tracking=True,
        help="Why the surplus to allocate differs from the profit and loss of the period "
        "(e.g. non-member business, taxes): required when they differ.",
    )
    allocation_ids = fields.One2many(
        "coop.patronage.allocation", "period_id", string="Allocations", readonly=True
    )
    allocation_count = fields.Integer(compute="_compute_totals")
    total_patronage = fields.Float(compute="_compute_totals", digits=(16, 2))
    cash_total = fields.Monetary(compute="_compute_totals")
    retained_total = fields.Monetary(compute="_compute_totals")
    reserve_amount = fields.Monetary(string="To Collective Reserve", readonly=True)
    education_amount = fields.Monetary(string="To Education Fund", readonly=True)
    pool_amount = fields.Monetary(string="To Members", readonly=True)
    carried_loss_in = fields.Monetary(string="Loss Brought Forward", readonly=True)
    carried_loss_out = fields.Monetary(string="Loss Carried Forward", readonly=True)
    move_ids = fields.Many2many(
        "account.move",
        "coop_patronage_period_move_rel",
        string="Allocation Entries",
        readonly=True,
        copy=False,
        check_company=True,
        help="One entry per batch of members, each balanced against the period's earnings.",
    )
    reversal_move_ids = fields.Many2many(
        "account.move",
        "coop_patronage_period_reversal_move_rel",
        string="Reversal Entries",
        readonly=True,
        copy=False,
        check_company=True,
    )
    posted_allocation_id = fields.Integer(
        readonly=True, copy=False, help="Allocations up to this one are in the books."
    )
    posted_count = fields.Integer(
        string="Members Posted", compute="_compute_posted_count", aggregator=None
    )
    capital_line_ids = fields.One2many(
        "coop.capital.account.line", "period_id", string="Capital Account Entries", readonly=True
    )
    payment_deadline = fields.Date(
        compute="_compute_payment_deadline",
        help="Patronage dividends of a year must be paid by the 15th day of the 9th month "
        "after the year ends (IRC 1382(d)).",
    )
    qualified = fields.Boolean(
        compute="_compute_qualified", help="Notices of this period are qualified notices."
    )

    _coop_workflow_fields = (
        "state",
        "reserve_amount",
        "education_amount",
        "pool_amount",
        "carried_loss_in",
        "carried_loss_out",
        "move_ids",
        "reversal_move_ids",
        "posted_allocation_id",
    )

    _sql_constraints = [
        ("dates_order", "CHECK (date_from <= date_to)", "A period ends after it starts."),
    ]

    def _coop_frozen_fields(self):
        self.ensure_one()
        return set() if self.state == "draft" else set(PARAMETER_FIELDS)

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        company = self.env["res.company"].browse(defaults.get("company_id") or self.env.company.id)
        for name, company_field in COMPANY_PARAMETERS.items():
            if name in fields_list and name not in defaults:
                defaults[name] = company[company_field]
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
            for name, company_field in COMPANY_PARAMETERS.items():
                vals.setdefault(name, company[company_field])
        return super().create(vals_list)

    @api.depends("date_to")
    def _compute_year(self):
        for period in self:
            period.year = period.date_to.year if period.date_to else 0

    @api.depends("date_to")
    def _compute_payment_deadline(self):
        for period in self:
            period.payment_deadline = period.date_to and rules.payment_deadline(period.date_to)

    @api.depends("cash_percent", "consent")
    def _compute_qualified(self):
        for period in self:
            period.qualified = rules.is_qualified(period.cash_percent, period.consent)

    @api.depends("allocation_ids.allocated_amount")
    def _compute_totals(self):
        groups = {
            period.id: (count, patronage, cash, retained)
            for period, count, patronage, cash, retained in self.env[
                "coop.patronage.allocation"
            ]._read_group(
                [("period_id", "in", self.ids)],
                ["period_id"],
                ["__count", "patronage:sum", "cash_amount:sum", "retained_amount:sum"],
            )
        }
        for period in self:
            count, patronage, cash, retained = groups.get(period.id, (0, 0.0, 0.0, 0.0))
            period.allocation_count = count
            period.total_patronage = patronage
            period.cash_total = cash
            period.retained_total = retained

    @api.depends("state", "posted_allocation_id")
    def _compute_posted_count(self):
        for period in self:
            period.posted_count = (
                period.allocation_count
                if period.state != "posting"
                else self.env["coop.patronage.allocation"].search_count(
                    [("period_id", "=", period.id), ("id", "<=", period.posted_allocation_id)]
                )
            )

    @api.depends("company_id", "date_from", "date_to")
    def _compute_pl_surplus(self):
        for period in self:
            if not (period.date_from and period.date_to and period.company_id):
                period.pl_surplus = 0.0
                continue
            groups = (
                self.env["account.move.line"]
                .sudo()
                ._read_group(
                    [
                        ("company_id", "=", period.company_id.id),
                        ("parent_state", "=", "posted"),
                        ("date", ">=", period.date_from),
                        ("date", "<=", period.date_to),
                        ("account_id.internal_group", "in", ("income", "expense")),
                    ],
                    [],
                    ["balance:sum"],
                )
            )
            period.pl_surplus = -(groups[0][0] or 0.0)

    @api.constrains("company_id", "date_from", "date_to", "state")
    def _check_no_overlap(self):
        for period in self.filtered(lambda p: p.state != "reversed"):
            other = self.search(
                [
                    ("id", "!=", period.id),
                    ("company_id", "=", period.company_id.id),
                    ("state", "!=", "reversed"),
                    ("date_from", "<=", period.date_to),
                    ("date_to", ">=", period.date_from),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "%(period)s overlaps %(other)s (%(start)s – %(end)s): a co-op allocates "
                        "each day's surplus once.",
                        period=period.name,
                        other=other.name,
                        start=other.date_from,
                        end=other.date_to,
                    )
                )

    @api.constrains("reserve_percent", "education_percent", "cash_percent", "date", "date_to")
    def _check_parameters(self):
        for period in self:
            try:
                rules.check_percentages(
                    period.reserve_percent, period.education_percent, period.cash_percent
                )
            except rules.PatronageRuleError as error:
                raise ValidationError(self._rule_message(error)) from None
            if period.date < period.date_to:
                raise ValidationError(
                    self.env._("A period's surplus is allocated once the period has ended.")
                )

    @api.model
    def _rule_message(self, error):
        """The user's words for a rule of patronage_rules."""
        params = error.params
        messages = {
            "percent_range": lambda: self.env._(
                "A percentage must lie between 0 and 100 (%(name)s: %(value)s).",
                name=params["name"],
                value=params["value"],
            ),
            "reserves_over_100": lambda: self.env._(
                "Collective reserve (%(reserve)s %%) and education fund (%(education)s %%) "
                "together cannot take more than 100 %% of the surplus.",
                reserve=params["reserve"],
                education=params["education"],
            ),
            "no_patronage": lambda: self.env._(
                "No eligible member has any patronage in this period: there is nothing to "
                "allocate the members' pool by."
            ),
        }
        return messages.get(error.code, lambda: str(error))()
