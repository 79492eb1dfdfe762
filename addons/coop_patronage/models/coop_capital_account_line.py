# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import patronage_rules as rules

OPERATIONS = [
    ("allocation", "Allocation"),
    ("loss", "Loss"),
    ("redemption", "Redemption"),
    ("reversal", "Reversal"),
]


class CoopCapitalAccountLine(models.Model):
    """A member's individual capital account is a ledger: its posted lines are
    never changed or deleted; a correction is a reversal line."""

    _name = "coop.capital.account.line"
    _description = "Capital Account Entry"
    _inherit = ["coop.protected.mixin"]
    _order = "company_id, date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", string="Co-op", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    membership_id = fields.Many2one(
        "coop.membership",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, readonly=True, index=True
    )
    date = fields.Date(required=True, readonly=True, index=True)
    year = fields.Integer(
        string="Allocation Year",
        required=True,
        readonly=True,
        index=True,
        aggregator=None,
        help="Fiscal year of the allocation this entry belongs to: revolving redemptions "
        "retire the oldest years first.",
    )
    operation = fields.Selection(OPERATIONS, required=True, readonly=True, index=True)
    amount = fields.Monetary(
        required=True,
        readonly=True,
        help="Positive when the member's retained capital grows, negative when it shrinks.",
    )
    period_id = fields.Many2one(
        "coop.patronage.period", readonly=True, index="btree_not_null", ondelete="restrict"
    )
    move_id = fields.Many2one(
        "account.move",
        string="Accounting Entry",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
    )
    reversed_line_id = fields.Many2one(
        "coop.capital.account.line",
        string="Reverses",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
    )
    reversal_line_ids = fields.One2many(
        "coop.capital.account.line", "reversed_line_id", string="Reversed By", readonly=True
    )
    revolving_year = fields.Integer(
        compute="_compute_revolving_year",
        aggregator=None,
        help="Year in which this allocation is due to be retired.",
    )

    _sql_constraints = [
        ("amount_not_zero", "CHECK (amount != 0)", "A capital account entry moves some money."),
        ("reversal_once", "unique (reversed_line_id)", "An entry is reversed only once."),
    ]

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(
            self.env._("Capital account entries cannot be changed; post a reversal instead.")
        )

    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(
            self.env._("Capital account entries cannot be deleted; post a reversal instead.")
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._coop_in_workflow():
            raise UserError(
                self.env._(
                    "Capital account entries are posted by allocations and redemptions only."
                )
            )
        return super().create(vals_list)

    @api.depends("year", "operation", "company_id.coop_patronage_revolving_years")
    def _compute_revolving_year(self):
        for line in self:
            line.revolving_year = (
                rules.revolving_year(line.year, line.company_id.coop_patronage_revolving_years)
                if line.operation == "allocation"
                else 0
            )

    @api.model
    def _balances(self, company, date=None, membership_ids=None, max_year=None):
        """Retained balance per membership id, by one aggregate query: at ``date``
        (all entries when empty), of allocation years up to ``max_year``."""
        conditions = [SQL("company_id = %s", company.id)]
        if date:
            conditions.append(SQL("date <= %s", date))
        if membership_ids is not None:
            conditions.append(SQL("membership_id = ANY(%s)", list(membership_ids)))
        if max_year:
            conditions.append(SQL("year <= %s", max_year))
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT membership_id, SUM(amount) FROM coop_capital_account_line "
                "WHERE %s GROUP BY membership_id",
                SQL(" AND ").join(conditions),
            )
        )
        return dict(self.env.cr.fetchall())

    def _reverse(self, date, move=None):
        """Post the opposite of these entries (the only correction there is)."""
        return (
            self.env["coop.capital.account.line"]
            .sudo()
            ._coop_workflow()
            .create(
                [
                    {
                        "company_id": line.company_id.id,
                        "membership_id": line.membership_id.id,
                        "partner_id": line.partner_id.id,
                        "date": date,
                        "year": line.year,
                        "operation": "reversal",
                        "amount": -line.amount,
                        "period_id": line.period_id.id,
                        "move_id": (move or line.move_id).id,
                        "reversed_line_id": line.id,
                    }
                    for line in self
                ]
            )
        )

    # ------------------------------------------------------------------
    # Portal: the member's own figures, whatever the user's groups
    # ------------------------------------------------------------------
    @api.model
    def _portal_allocations(self, partner):
        """The partner's own allocations of posted periods."""
        return (
            self.env["coop.patronage.allocation"]
            .sudo()
            .search(
                [
                    (
                        "membership_id.partner_id",
                        "in",
                        (partner | partner.commercial_partner_id).ids,
                    ),
                    ("period_id.state", "=", "posted"),
                ]
            )
        )

    @api.model
    def _portal_values(self, partner):
        """Per co-op: the years' allocations, the capital account's movements by
        year and the retained balance, in a fixed number of queries."""
        groups = self.sudo()._read_group(
            [("membership_id.partner_id", "in", (partner | partner.commercial_partner_id).ids)],
            ["company_id", "year", "operation"],
            ["amount:sum"],
        )
        ledger = defaultdict(dict)
        for company, year, operation, amount in groups:
            ledger[company][(year, operation)] = amount
        allocations = self._portal_allocations(partner)
        by_year = defaultdict(lambda: self.env["coop.patronage.allocation"])
        for allocation in allocations:
            by_year[(allocation.company_id, allocation.period_id.year)] |= allocation
        coops = []
        for company in allocations.company_id | self.env["res.company"].union(*ledger):
            entries = ledger.get(company, {})
            years = {year for _company, year in by_year if _company == company}
            years |= {year for year, _operation in entries}
            coops.append(
                {
                    "company": company,
                    "balance": sum(entries.values()),
                    "years": [
                        {
                            "year": year,
                            "allocations": by_year[(company, year)],
                            "retained": sum(
                                amount
                                for (entry_year, operation), amount in entries.items()
                                if entry_year == year and operation != "redemption"
                            ),
                            "redeemed": -entries.get((year, "redemption"), 0.0),
                            "revolving_year": rules.revolving_year(
                                year, company.coop_patronage_revolving_years
                            ),
                        }
                        for year in sorted(years, reverse=True)
                    ],
                }
            )
        return coops
