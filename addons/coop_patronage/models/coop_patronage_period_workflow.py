# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from .. import patronage_rules as rules
from .coop_patronage_period import STATES


class CoopPatronagePeriod(models.Model):
    """The period's workflow up to the allocation: who may move it, and the
    computation of every member's part."""

    _inherit = "coop.patronage.period"

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
        """Measure every eligible member's patronage and split the surplus: at
        once for a co-op of up to a batch of members, else by the patronage
        cron (the period shows Computing meanwhile)."""
        self._check_manager()
        self._check_state("draft", "computed")
        for period in self:
            period._check_surplus_matches_pl()
            members = self.env["coop.membership"].search_count(
                [("company_id", "=", period.company_id.id)]
            )
            if members > period._coop_batch_size():
                period._coop_workflow().write({"state": "computing"})
            else:
                period._coop_compute()
        self._coop_trigger_batches()
        return True

    def _coop_compute_in_cron(self):
        """The cron's compute: a refusal (e.g. nobody has patronage) sends the
        period back to draft with the reason in its chatter, for the manager."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._coop_compute()
        except UserError as error:
            self._coop_workflow().allocation_ids.unlink()
            self._coop_workflow().write({"state": "draft"})
            self.message_post(
                body=self.env._("The computation was refused: %(reason)s", reason=str(error))
            )

    def _coop_compute(self):
        for period in self:
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
