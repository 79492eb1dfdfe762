# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class CoopCapitalRedemptionWizard(models.TransientModel):
    """Retire retained allocations: the board's revolving redemption of the
    oldest years for every member, or one member's redemption. Each member is
    paid by a vendor bill, paid as any bill."""

    _name = "coop.capital.redemption.wizard"
    _description = "Redeem Retained Patronage"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", string="Co-op", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    mode = fields.Selection(
        [
            ("revolving", "Revolve the oldest years (every member)"),
            ("member", "One member"),
        ],
        required=True,
        default="revolving",
    )
    max_year = fields.Integer(
        string="Retire Allocations of Years up to",
        aggregator=None,
        default=lambda self: self._default_max_year(),
    )
    membership_id = fields.Many2one("coop.membership", check_company=True)
    amount = fields.Monetary()
    date = fields.Date(required=True, default=lambda self: self.env.company._coop_today())

    @api.model
    def _default_max_year(self):
        company = self.env.company
        return company._coop_today().year - (company.coop_patronage_revolving_years or 0)

    def _redemptions(self):
        """membership id -> amount to redeem, checked against the balances."""
        self.ensure_one()
        Line = self.env["coop.capital.account.line"]
        if self.mode == "member":
            if not self.membership_id:
                raise UserError(self.env._("Choose the member whose capital is redeemed."))
            balance = Line._balances(self.company_id, membership_ids=self.membership_id.ids).get(
                self.membership_id.id, 0.0
            )
            if self.currency_id.compare_amounts(self.amount, 0.0) <= 0:
                raise UserError(self.env._("The amount to redeem must be positive."))
            if self.currency_id.compare_amounts(self.amount, balance) > 0:
                raise UserError(
                    self.env._(
                        "%(member)s has %(balance)s retained: %(amount)s cannot be redeemed.",
                        member=self.membership_id.partner_id.display_name,
                        balance=self.currency_id.format(balance),
                        amount=self.currency_id.format(self.amount),
                    )
                )
            return {self.membership_id.id: self.amount}
        if not self.max_year:
            raise UserError(self.env._("Say up to which allocation year capital is retired."))
        totals = Line._balances(self.company_id)
        oldest = Line._balances(self.company_id, max_year=self.max_year)
        redemptions = {
            membership_id: min(totals.get(membership_id, 0.0), amount)
            for membership_id, amount in oldest.items()
        }
        return {
            membership_id: amount
            for membership_id, amount in redemptions.items()
            if self.currency_id.compare_amounts(amount, 0.0) > 0
        }

    def action_redeem(self):
        self.ensure_one()
        # Two redemptions at once must not both spend the same balance: both
        # write the co-op's row, so the second waits, then fails to serialise
        # and is retried on the first one's entries.
        self.env.cr.execute(
            "UPDATE res_company SET write_date = write_date WHERE id = %s", [self.company_id.id]
        )
        redemptions = self._redemptions()
        if not redemptions:
            raise UserError(
                self.env._(
                    "No member has retained allocations of %(year)s or earlier to retire.",
                    year=self.max_year,
                )
            )
        company = self.company_id
        memberships = self.env["coop.membership"].browse(list(redemptions))
        equity = company._coop_patronage_account("coop_patronage_equity_account_id")
        label = (
            self.env._(
                "Redemption of retained patronage allocations up to %(year)s", year=self.max_year
            )
            if self.mode == "revolving"
            else self.env._("Redemption of retained patronage allocations")
        )
        bills = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                [
                    {
                        "move_type": "in_invoice",
                        "partner_id": membership.partner_id.commercial_partner_id.id,
                        "invoice_date": self.date,
                        "date": self.date,
                        "ref": label,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": label,
                                    "account_id": equity.id,
                                    "quantity": 1,
                                    "price_unit": redemptions[membership.id],
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                    for membership in memberships
                ]
            )
        )
        bills.action_post()
        year = self.max_year if self.mode == "revolving" else self.date.year
        self.env["coop.capital.account.line"].sudo()._coop_workflow().create(
            [
                {
                    "company_id": company.id,
                    "membership_id": membership.id,
                    "partner_id": bill.commercial_partner_id.id,
                    "date": self.date,
                    "year": year,
                    "operation": "redemption",
                    "amount": -redemptions[membership.id],
                    "move_id": bill.id,
                }
                for membership, bill in zip(memberships, bills, strict=True)
            ]
        )
        return {
            "name": self.env._("Redemption Bills"),
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", bills.ids)],
            "context": {"default_move_type": "in_invoice"},
        }
