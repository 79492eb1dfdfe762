# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import LazyTranslate

from .. import patronage_rules as rules

_lt = LazyTranslate(__name__)

BASES = [
    ("purchases", "Purchases (customer invoices)"),
    ("volume", "Volume supplied (vendor bills)"),
]

# Accounts of the allocation entry, created on first use: field -> (first code,
# name, account type, reconcilable)
PATRONAGE_ACCOUNTS = {
    "coop_patronage_equity_account_id": (
        "302100",
        _lt("Members' allocated patronage equity"),
        "equity",
        False,
    ),
    "coop_patronage_reserve_account_id": ("302200", _lt("Collective reserve"), "equity", False),
    "coop_patronage_education_account_id": ("302300", _lt("Education fund"), "equity", False),
    "coop_patronage_payable_account_id": (
        "212100",
        _lt("Patronage dividends payable"),
        "liability_payable",
        True,
    ),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_patronage_basis = fields.Selection(
        BASES,
        string="Patronage Basis",
        default="purchases",
        required=True,
        help="What members did with the co-op that earns them a share of the surplus: consumer "
        "co-ops count purchases, producer co-ops the volume they supply, worker co-ops hours or "
        "wages (with the payroll bridge).",
    )
    coop_patronage_eligibility = fields.Selection(
        [
            ("year_end", "Members in good standing at the end of the period"),
            ("pro_rata", "Pro rata to membership days in the period"),
        ],
        string="Eligibility",
        default="year_end",
        required=True,
    )
    coop_patronage_reserve_percent = fields.Float(
        string="Collective Reserve (%)",
        default=30.0,
        help="Share of the surplus kept as indivisible collective reserve.",
    )
    coop_patronage_education_percent = fields.Float(
        string="Education Fund (%)",
        default=5.0,
        help="Share of the surplus set aside for education, training and information.",
    )
    coop_patronage_cash_percent = fields.Float(
        string="Cash Portion (%)",
        default=20.0,
        help="Share of each member's allocation paid in cash; the rest is retained in the "
        "member's capital account. US notices of allocation are qualified only from 20 %.",
    )
    coop_patronage_consent = fields.Boolean(
        string="Members Consent by Bylaw",
        default=True,
        help="The bylaws say that members, by joining, consent to take patronage allocations "
        "into account for tax (IRC 1388(c)(2)(B)): notices can then be qualified.",
    )
    coop_patronage_loss_option = fields.Selection(
        [
            (rules.LOSS_RESERVE, "Charged to the collective reserve"),
            (rules.LOSS_CARRY_FORWARD, "Netted against future surpluses"),
            (rules.LOSS_INDIVIDUAL, "Allocated to members' capital accounts"),
        ],
        string="Losses",
        default=rules.LOSS_RESERVE,
        required=True,
    )
    coop_patronage_revolving_years = fields.Integer(
        string="Revolving Period (years)",
        default=5,
        help="Retained allocations are retired this many years after the year they were "
        "allocated for. 0: no revolving schedule.",
    )
    coop_patronage_journal_id = fields.Many2one(
        "account.journal", string="Patronage Journal", copy=False, check_company=True
    )
    coop_patronage_equity_account_id = fields.Many2one(
        "account.account", string="Allocated Equity Account", copy=False, check_company=True
    )
    coop_patronage_reserve_account_id = fields.Many2one(
        "account.account", string="Collective Reserve Account", copy=False, check_company=True
    )
    coop_patronage_education_account_id = fields.Many2one(
        "account.account", string="Education Fund Account", copy=False, check_company=True
    )
    coop_patronage_payable_account_id = fields.Many2one(
        "account.account", string="Patronage Payable Account", copy=False, check_company=True
    )

    @api.constrains(
        "coop_patronage_reserve_percent",
        "coop_patronage_education_percent",
        "coop_patronage_cash_percent",
        "coop_patronage_revolving_years",
    )
    def _check_coop_patronage_percentages(self):
        for company in self:
            try:
                rules.check_percentages(
                    company.coop_patronage_reserve_percent,
                    company.coop_patronage_education_percent,
                    company.coop_patronage_cash_percent,
                )
            except rules.PatronageRuleError as error:
                raise ValidationError(
                    self.env["coop.patronage.period"]._rule_message(error)
                ) from None
            if company.coop_patronage_revolving_years < 0:
                raise ValidationError(self.env._("The revolving period cannot be negative."))

    def _coop_patronage_account(self, field_name):
        """The account behind ``field_name``, created on first use."""
        self.ensure_one()
        account = self.sudo()[field_name]
        if account:
            return account
        code, name, account_type, reconcile = PATRONAGE_ACCOUNTS[field_name]
        Account = self.env["account.account"].sudo().with_company(self)
        code = int(code)
        while Account.search_count(
            [("code", "=", str(code)), ("company_ids", "in", self.ids)], limit=1
        ):
            code += 1
        account = Account.create(
            {
                "name": str(name),
                "code": str(code),
                "account_type": account_type,
                "reconcile": reconcile,
                "company_ids": [fields.Command.set(self.ids)],
            }
        )
        self.sudo()[field_name] = account
        return account

    def _coop_patronage_journal(self):
        self.ensure_one()
        if self.sudo().coop_patronage_journal_id:
            return self.sudo().coop_patronage_journal_id
        Journal = self.env["account.journal"].sudo()
        taken = set(
            Journal.with_context(active_test=False)
            .search([("company_id", "=", self.id)])
            .mapped("code")
        )
        code = next(c for c in ("PAT", "PAT2", "PAT3", "PATR", "PATX") if c not in taken)
        journal = Journal.create(
            {
                "name": self.env._("Patronage"),
                "code": code,
                "type": "general",
                "company_id": self.id,
                "show_on_dashboard": False,
            }
        )
        self.sudo().coop_patronage_journal_id = journal
        return journal

    def _coop_fiscal_year_end(self, year):
        self.ensure_one()
        return rules.fiscal_year_end(
            year, int(self.coop_fiscal_year_end_month or 12), self.coop_fiscal_year_end_day or 31
        )
