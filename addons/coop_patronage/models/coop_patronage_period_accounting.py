# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import Command, api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# states in which the patronage cron carries on the work of a period
BACKGROUND_STATES = ("computing", "posting", "reversing")


class CoopPatronagePeriod(models.Model):
    """The allocation in the books: an entry per batch of members with a
    partner on every line, and the members' capital accounts, which always
    equal the allocated-equity account per member."""

    _inherit = "coop.patronage.period"

    # members per allocation entry: one entry (and one transaction) stays
    # small enough for Odoo's journal-item computations and a cron's time limit
    POST_BATCH_SIZE = 2000

    def action_post(self):
        """Post the allocation: the first entry at once (a small co-op is then
        done), the following ones by the patronage cron, one per batch of
        members, each balanced on its own."""
        self._check_manager()
        self._check_state("computed")
        for period in self:
            period._coop_lock_company_periods()
            period._check_no_overlap()
            period._coop_workflow().write({"state": "posting", "posted_allocation_id": 0})
        self._coop_post_batch()
        self._coop_trigger_batches()
        return True

    def _coop_lock_company_periods(self):
        """Two officers posting overlapping periods at once: the second waits
        for the first, then sees its period and is refused."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM coop_patronage_period WHERE company_id = %s FOR UPDATE",
                self.company_id.id,
            )
        )
        self.invalidate_model(["state"])

    def _coop_batch_size(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("coop_patronage.post_batch_size", self.POST_BATCH_SIZE)
        )

    def _coop_trigger_batches(self):
        if self.filtered(lambda period: period.state in BACKGROUND_STATES):
            self.env.ref("coop_patronage.ir_cron_patronage_batches").sudo()._trigger()

    @api.model
    def _cron_post_batches(self):
        """One step of the oldest period being computed, posted (a batch) or
        reversed (an entry); the cron runner calls again at once while work
        remains."""
        periods = self.sudo().search([("state", "in", BACKGROUND_STATES)], order="id")
        if not periods:
            return False
        period = periods[0]
        if period.state == "computing":
            period._coop_compute_in_cron()
        elif period.state == "posting":
            period._coop_post_batch()
        else:
            period._coop_reverse_batch()
        remaining = len(periods) - (period.state not in BACKGROUND_STATES)
        self.env["ir.cron"]._notify_progress(done=1, remaining=remaining)
        return True

    def _coop_lock_in_state(self, state):
        """Lock the period's row for a batch and tell whether it is still in
        ``state``: of two runs on one period (the manager's Run Manually during
        the cron's run), the second waits here and fails to serialise before
        doing a batch's work."""
        self.ensure_one()
        self.env.cr.execute(
            SQL("SELECT id FROM coop_patronage_period WHERE id = %s FOR UPDATE", self.id)
        )
        self.invalidate_recordset(
            ["state", "posted_allocation_id", "move_ids", "reversal_move_ids"]
        )
        return self.state == state

    def _coop_post_batch(self):
        """The next batch of members of each period being posted: their
        allocation entry (with the reserves in the first one) and their
        capital-account lines; the last batch marks the period posted."""
        size = self._coop_batch_size()
        for period in self.filtered(lambda p: p.state == "posting"):
            if not period._coop_lock_in_state("posting"):
                continue
            allocations = self.env["coop.patronage.allocation"].search(
                [("period_id", "=", period.id), ("id", ">", period.posted_allocation_id)],
                order="id",
                limit=size,
            )
            first = not period.posted_allocation_id
            move = period._coop_create_move(allocations, reserves=first)
            self.env["coop.capital.account.line"].sudo()._coop_workflow().create(
                [
                    {
                        "company_id": period.company_id.id,
                        "membership_id": allocation.membership_id.id,
                        "partner_id": allocation.partner_id.id,
                        "date": period.date,
                        "year": period.year,
                        "operation": "allocation" if allocation.retained_amount > 0 else "loss",
                        "amount": allocation.retained_amount,
                        "period_id": period.id,
                        "move_id": move.id,
                    }
                    for allocation in allocations.filtered("retained_amount")
                ]
            )
            values = {"posted_allocation_id": allocations[-1:].id or period.posted_allocation_id}
            if move:
                values["move_ids"] = [Command.link(move.id)]
            if len(allocations) < size:
                values["state"] = "posted"
            period._coop_workflow().write(values)
            if period.state == "posted":
                period.message_post(
                    body=self.env._(
                        "Allocation posted: %(members)s members, %(retained)s retained in "
                        "capital accounts, %(cash)s to pay in cash by %(deadline)s.",
                        members=period.allocation_count,
                        retained=period.currency_id.format(period.retained_total),
                        cash=period.currency_id.format(period.cash_total),
                        deadline=period.payment_deadline,
                    )
                )

    def _coop_create_move(self, allocations, reserves=False):
        """One allocation entry, balanced on its own (none when nothing moves,
        e.g. a loss carried forward): the members' cash (payable) and retained
        (allocated equity) parts, with the reserve and education fund when
        ``reserves``, against the period's earnings."""
        self.ensure_one()
        company = self.company_id
        currency = company.currency_id
        lines = []

        def line(account, balance, line_partner, label):
            if not currency.is_zero(balance):
                lines.append(
                    {
                        "account_id": account.id,
                        "partner_id": line_partner.id,
                        "name": label,
                        "currency_id": currency.id,
                        "amount_currency": balance,
                        "balance": balance,
                        # given, not computed line by line: an entry has two lines a member
                        "analytic_distribution": False,
                    }
                )

        if reserves:
            line(
                company._coop_patronage_account("coop_patronage_reserve_account_id"),
                -self.reserve_amount,
                company.partner_id,
                self.env._("%(period)s: collective reserve", period=self.name),
            )
            line(
                company._coop_patronage_account("coop_patronage_education_account_id"),
                -self.education_amount,
                company.partner_id,
                self.env._("%(period)s: education fund", period=self.name),
            )
        payable = company._coop_patronage_account("coop_patronage_payable_account_id")
        equity = company._coop_patronage_account("coop_patronage_equity_account_id")
        for allocation in allocations:
            line(
                payable,
                -allocation.cash_amount,
                allocation.partner_id,
                self.env._("%(period)s: patronage dividend in cash", period=self.name),
            )
            line(
                equity,
                -allocation.retained_amount,
                allocation.partner_id,
                self.env._("%(period)s: retained patronage allocation", period=self.name),
            )
        if not lines:
            return self.env["account.move"]
        line(
            company.get_unaffected_earnings_account(),
            -sum(values["balance"] for values in lines),
            company.partner_id,
            self.env._("%(period)s: surplus allocated", period=self.name),
        )
        # the earnings line first, as an accountant reads an entry
        lines.insert(0, lines.pop())
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": company._coop_patronage_journal().id,
                    "date": self.date,
                    "ref": self.name,
                    "line_ids": [Command.create(values) for values in lines],
                }
            )
        )
        move.action_post()
        return move

    def _coop_cash_lines(self):
        """Payable lines of the allocation entries: the members' cash portions."""
        return self.move_ids.line_ids.filtered(
            lambda line: line.account_id == line.company_id.coop_patronage_payable_account_id
        )

    def action_pay_cash(self):
        """Open Odoo's payment wizard on the cash portions still to pay: one
        payment per member, reconciled with the entry."""
        self._check_state("posted")
        lines = self._coop_cash_lines().filtered(lambda line: not line.reconciled)
        if not lines:
            raise UserError(self.env._("Every cash portion of this allocation is paid."))
        return {
            "name": self.env._("Pay Patronage Dividends"),
            "type": "ir.actions.act_window",
            "res_model": "account.payment.register",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "account.move.line",
                "active_ids": lines.ids,
                "default_group_payment": True,
            },
        }

    def _coop_demo_pay_cash(self):
        """Demo: pay every cash portion still due, as the payment wizard would."""
        action = self.action_pay_cash()
        self.env["account.payment.register"].with_context(**action["context"]).create(
            {}
        ).action_create_payments()

    def action_reverse(self):
        """Undo a posted allocation by reversal entries, in the books and in the
        capital accounts, while nothing of it has been paid or redeemed: the
        first entry at once, the others by the patronage cron."""
        self._check_manager()
        self._check_state("posted")
        for period in self:
            paid = (
                self.env["account.move.line"]
                .sudo()
                .search_count(
                    [
                        ("move_id", "in", period.move_ids.ids),
                        ("account_id", "=", period.company_id.coop_patronage_payable_account_id.id),
                        ("reconciled", "=", True),
                    ],
                    limit=1,
                )
            )
            if paid:
                raise UserError(
                    self.env._(
                        "Cash portions of %(period)s are already paid: cancel those payments "
                        "before reversing the allocation.",
                        period=period.name,
                    )
                )
            period._check_not_redeemed()
            period._coop_workflow().write({"state": "reversing"})
        self._coop_reverse_batch()
        self._coop_trigger_batches()
        return True

    def _check_not_redeemed(self):
        self.ensure_one()
        lines = self.capital_line_ids.filtered(
            lambda line: line.operation == "allocation" and not line.reversal_line_ids
        )
        balances = self.env["coop.capital.account.line"]._balances(
            self.company_id, membership_ids=lines.membership_id.ids
        )
        short = lines.filtered(
            lambda line: (
                self.currency_id.compare_amounts(
                    balances.get(line.membership_id.id, 0.0), line.amount
                )
                < 0
            )
        )
        if short:
            raise UserError(
                self.env._(
                    "%(members)s already had part of this allocation redeemed: it can no "
                    "longer be reversed.",
                    members=", ".join(short.mapped("partner_id.display_name")[:5]),
                )
            )

    def _coop_reverse_batch(self):
        """Reverse the next allocation entry of each period being reversed,
        with its capital-account lines; the last one marks the period
        reversed."""
        for period in self.filtered(lambda p: p.state == "reversing"):
            if not period._coop_lock_in_state("reversing"):
                continue
            workflow = period._coop_workflow().sudo()
            pending = workflow.move_ids.filtered(lambda move: not move.reversal_move_ids)
            if pending:
                today = period.company_id._coop_today()
                move = pending[0]
                reversal = move._reverse_moves([{"date": today, "ref": period.name}], cancel=True)
                self.env["coop.capital.account.line"].sudo().search(
                    [
                        ("period_id", "=", period.id),
                        ("move_id", "=", move.id),
                        ("operation", "in", ("allocation", "loss")),
                        ("reversal_line_ids", "=", False),
                    ]
                )._reverse(today, move=reversal)
                workflow.reversal_move_ids = [Command.link(reversal.id)]
            if len(pending) <= 1:
                workflow.state = "reversed"
