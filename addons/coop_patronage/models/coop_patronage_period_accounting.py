# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import Command, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class CoopPatronagePeriod(models.Model):
    """The allocation in the books: one entry with a partner on every line,
    and the members' capital accounts, which always equal the allocated-equity
    account per member."""

    _inherit = "coop.patronage.period"

    def action_post(self):
        self._check_manager()
        self._check_state("computed")
        for period in self:
            period._coop_lock_company_periods()
            period._check_no_overlap()
            move = period._coop_create_move()
            retained = period.allocation_ids.filtered("retained_amount")
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
                    for allocation in retained
                ]
            )
            period._coop_workflow().write({"state": "posted", "move_id": move.id})
            period.message_post(
                body=self.env._(
                    "Allocation posted: %(members)s members, %(retained)s retained in capital "
                    "accounts, %(cash)s to pay in cash by %(deadline)s.",
                    members=len(period.allocation_ids),
                    retained=period.currency_id.format(period.retained_total),
                    cash=period.currency_id.format(period.cash_total),
                    deadline=period.payment_deadline,
                )
            )
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

    def _coop_create_move(self):
        """The allocation entry (none when nothing moves, e.g. a loss carried
        forward). Amounts: earnings → reserve, education fund, members' cash
        (payable) and retained (allocated equity)."""
        self.ensure_one()
        company = self.company_id
        partner = company.partner_id
        currency = company.currency_id
        lines = []

        def line(account, balance, line_partner, label):
            if not self.currency_id.is_zero(balance):
                lines.append(
                    Command.create(
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
                )

        distributed = self.reserve_amount + self.education_amount + self.pool_amount
        line(
            company.get_unaffected_earnings_account(),
            distributed,
            partner,
            self.env._("%(period)s: surplus allocated", period=self.name),
        )
        line(
            company._coop_patronage_account("coop_patronage_reserve_account_id"),
            -self.reserve_amount,
            partner,
            self.env._("%(period)s: collective reserve", period=self.name),
        )
        line(
            company._coop_patronage_account("coop_patronage_education_account_id"),
            -self.education_amount,
            partner,
            self.env._("%(period)s: education fund", period=self.name),
        )
        payable = company._coop_patronage_account("coop_patronage_payable_account_id")
        equity = company._coop_patronage_account("coop_patronage_equity_account_id")
        for allocation in self.allocation_ids:
            member = allocation.partner_id
            line(
                payable,
                -allocation.cash_amount,
                member,
                self.env._("%(period)s: patronage dividend in cash", period=self.name),
            )
            line(
                equity,
                -allocation.retained_amount,
                member,
                self.env._("%(period)s: retained patronage allocation", period=self.name),
            )
        if not lines:
            return self.env["account.move"]
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
                    "line_ids": lines,
                }
            )
        )
        move.action_post()
        return move

    def _coop_cash_lines(self):
        """Payable lines of the allocation entries: the members' cash portions."""
        return self.move_id.line_ids.filtered(
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
        capital accounts, while nothing of it has been paid or redeemed."""
        self._check_manager()
        self._check_state("posted")
        for period in self:
            if any(period._coop_cash_lines().mapped("reconciled")):
                raise UserError(
                    self.env._(
                        "Cash portions of %(period)s are already paid: cancel those payments "
                        "before reversing the allocation.",
                        period=period.name,
                    )
                )
            lines = period.capital_line_ids.filtered(
                lambda line: line.operation in ("allocation", "loss") and not line.reversal_line_ids
            )
            balances = self.env["coop.capital.account.line"]._balances(
                period.company_id, membership_ids=lines.membership_id.ids
            )
            currency = period.currency_id
            short = lines.browse(
                line.id
                for line in lines
                if line.amount > 0
                and currency.compare_amounts(balances.get(line.membership_id.id, 0.0), line.amount)
                < 0
            )
            if short:
                raise UserError(
                    self.env._(
                        "%(members)s already had part of this allocation redeemed: it can no "
                        "longer be reversed.",
                        members=", ".join(short.mapped("partner_id.display_name")[:5]),
                    )
                )
            reversal = self.env["account.move"]
            if period.move_id:
                reversal = (
                    period._coop_workflow()
                    .move_id.sudo()
                    ._reverse_moves(
                        [{"date": period.company_id._coop_today(), "ref": period.name}], cancel=True
                    )
                )
            lines._reverse(period.company_id._coop_today(), move=reversal or None)
            period._coop_workflow().write({"state": "reversed", "reversal_move_id": reversal.id})
        return True
