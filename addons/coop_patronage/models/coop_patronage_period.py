# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from .. import patronage_rules as rules
from .res_company import BASES

STATES = [
    ("draft", "Draft"),
    ("computed", "Computed"),
    ("posted", "Posted"),
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
    move_id = fields.Many2one(
        "account.move", string="Allocation Entry", readonly=True, copy=False, check_company=True
    )
    reversal_move_id = fields.Many2one(
        "account.move", string="Reversal Entry", readonly=True, copy=False, check_company=True
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
        "move_id",
        "reversal_move_id",
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

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_manager(self):
        """Allocating, posting, reversing and the members' tax figures are the
        managers' (a method is as callable over JSON-RPC as a button)."""
        if not self.env.su and not self.env.user.has_group("coop_base.group_coop_manager"):
            raise AccessError(
                self.env._("Only the co-op's managers allocate patronage and export its figures.")
            )

    def unlink(self):
        if self.filtered(lambda period: period.state not in ("draft", "computed")):
            raise UserError(
                self.env._(
                    "A posted allocation stays in the books and the capital accounts: reverse it "
                    "instead of deleting it."
                )
            )
        return super().unlink()

    def _check_state(self, *states):
        for period in self:
            if period.state not in states:
                raise UserError(
                    self.env._(
                        "%(period)s is %(state)s: this step is not possible now.",
                        period=period.name,
                        state=dict(STATES)[period.state],
                    )
                )

    def action_compute(self):
        """Measure every eligible member's patronage and split the surplus."""
        self._check_manager()
        self._check_state("draft", "computed")
        for period in self:
            period._check_surplus_matches_pl()
            carried_in = period._carried_loss_in()
            rows, patronage = period._coop_patronage()
            try:
                result = rules.allocate(
                    rules.to_cents(period.surplus),
                    patronage,
                    period.reserve_percent,
                    period.education_percent,
                    period.cash_percent,
                    period.loss_option,
                    rules.to_cents(carried_in),
                )
            except rules.PatronageRuleError as error:
                raise UserError(self._rule_message(error)) from None
            period._coop_workflow().allocation_ids.unlink()
            allocations = []
            for membership_id, (allocated, cash, retained) in result.members.items():
                partner_id, measure, share = rows[membership_id]
                allocations.append(
                    {
                        "period_id": period.id,
                        "membership_id": membership_id,
                        "partner_id": partner_id,
                        "measure": float(measure),
                        "eligible_share": float(share),
                        "patronage": float(patronage[membership_id]),
                        "allocated_amount": allocated / 100,
                        "cash_amount": cash / 100,
                        "retained_amount": retained / 100,
                    }
                )
            self.env["coop.patronage.allocation"]._coop_workflow().create(allocations)
            period._coop_workflow().write(
                {
                    "state": "computed",
                    "reserve_amount": result.reserve / 100,
                    "education_amount": result.education / 100,
                    "pool_amount": result.pool / 100,
                    "carried_loss_in": result.carried_in / 100,
                    "carried_loss_out": result.carried_loss / 100,
                }
            )
        return True

    def action_reset_to_draft(self):
        self._check_manager()
        self._check_state("computed")
        for period in self:
            period._coop_workflow().allocation_ids.unlink()
            period._coop_workflow().write(
                {
                    "state": "draft",
                    "reserve_amount": 0.0,
                    "education_amount": 0.0,
                    "pool_amount": 0.0,
                    "carried_loss_in": 0.0,
                    "carried_loss_out": 0.0,
                }
            )
        return True

    def _check_surplus_matches_pl(self):
        self.ensure_one()
        differs = float_compare(
            self.surplus, self.pl_surplus, precision_rounding=self.currency_id.rounding
        )
        if differs and not (self.override_reason or "").strip():
            raise UserError(
                self.env._(
                    "The surplus to allocate (%(surplus)s) differs from the profit and loss of "
                    "the period (%(pl)s): give the reason for the difference.",
                    surplus=self.currency_id.format(self.surplus),
                    pl=self.currency_id.format(self.pl_surplus),
                )
            )

    def _carried_loss_in(self):
        """The loss still carried forward by the co-op's latest posted period."""
        self.ensure_one()
        previous = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "posted"),
                ("date_to", "<", self.date_from),
            ],
            order="date_to desc",
            limit=1,
        )
        return previous.carried_loss_out
