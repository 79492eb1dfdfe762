# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import patronage_rules as rules


class CoopPatronageAllocation(models.Model):
    """One member's part of a period's surplus: computed by the period, then
    posted with it. Only the period's workflow creates, changes or drops it."""

    _name = "coop.patronage.allocation"
    _description = "Patronage Allocation"
    _inherit = ["coop.protected.mixin"]
    _order = "period_id desc, allocated_amount desc, id"
    _check_company_auto = True
    _rec_name = "membership_id"

    period_id = fields.Many2one(
        "coop.patronage.period", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="period_id.currency_id")
    state = fields.Selection(related="period_id.state", string="Period Status")
    membership_id = fields.Many2one(
        "coop.membership", required=True, readonly=True, index=True, ondelete="restrict"
    )
    partner_id = fields.Many2one("res.partner", string="Member", required=True, readonly=True)
    measure = fields.Float(
        readonly=True,
        digits=(16, 2),
        help="The member's business with the co-op in the period (purchases, volume, hours or "
        "wages), weighted by category.",
    )
    eligible_share = fields.Float(
        string="Eligibility",
        readonly=True,
        digits=(3, 4),
        help="1 for a full period; the fraction of the period's days as a member when "
        "eligibility is pro rata.",
    )
    patronage = fields.Float(readonly=True, digits=(16, 2), help="Measure × eligibility.")
    allocated_amount = fields.Monetary(string="Allocated", readonly=True)
    cash_amount = fields.Monetary(string="Cash", readonly=True)
    retained_amount = fields.Monetary(string="Retained", readonly=True)
    qualified = fields.Boolean(
        compute="_compute_qualified",
        help="Qualified written notice of allocation (IRC 1388(c)): consent and 20 % or more "
        "in cash.",
    )
    cash_paid = fields.Boolean(compute="_compute_cash_paid")

    _coop_workflow_fields = (
        "period_id",
        "membership_id",
        "partner_id",
        "measure",
        "eligible_share",
        "patronage",
        "allocated_amount",
        "cash_amount",
        "retained_amount",
    )

    _sql_constraints = [
        (
            "period_membership_uniq",
            "unique (period_id, membership_id)",
            "A member has one allocation per period.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        if not self._coop_in_workflow():
            raise UserError(self.env._("Allocations are computed by their patronage period."))
        return super().create(vals_list)

    def unlink(self):
        if not self._coop_in_workflow():
            raise UserError(
                self.env._("Allocations are dropped only by resetting their period to draft.")
            )
        return super().unlink()

    @api.depends("period_id.cash_percent", "period_id.consent", "allocated_amount")
    def _compute_qualified(self):
        for allocation in self:
            allocation.qualified = allocation.allocated_amount > 0 and rules.is_qualified(
                allocation.period_id.cash_percent, allocation.period_id.consent
            )

    @api.depends("period_id.move_ids.line_ids.reconciled")
    def _compute_cash_paid(self):
        """Paid when the member's payable lines of the period's entries are all
        reconciled: one query for any number of periods and members (a member
        sees this on their own allocations; the entries are not theirs to read)."""
        self.env["account.move.line"].flush_model(
            ["move_id", "partner_id", "account_id", "reconciled"]
        )
        self.env["coop.patronage.period"].flush_model(["move_ids"])
        self.env.cr.execute(
            SQL(
                """
                SELECT rel.coop_patronage_period_id, line.partner_id, bool_and(line.reconciled)
                  FROM account_move_line line
                  JOIN coop_patronage_period_move_rel rel ON rel.account_move_id = line.move_id
                 WHERE rel.coop_patronage_period_id = ANY(%(periods)s)
                   AND line.partner_id = ANY(%(partners)s)
                   AND line.account_id = ANY(%(accounts)s)
              GROUP BY rel.coop_patronage_period_id, line.partner_id
                """,
                periods=self.period_id.ids,
                partners=self.partner_id.ids,
                accounts=self.sudo().company_id.coop_patronage_payable_account_id.ids,
            )
        )
        paid = {
            (period, partner)
            for period, partner, reconciled in self.env.cr.fetchall()
            if reconciled
        }
        for allocation in self:
            allocation.cash_paid = (allocation.period_id.id, allocation.partner_id.id) in paid
