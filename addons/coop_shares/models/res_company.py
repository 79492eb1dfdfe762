# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from ..share_rules import ADMISSION_ON_APPROVAL, ADMISSION_ONCE_PAID

_lt = LazyTranslate(__name__)

# Journal kinds of the share register: (journal type, code, name).
SHARE_JOURNALS = {
    "sale": ("CAP", _lt("Share Capital")),
    "purchase": ("CAPR", _lt("Share Redemptions")),
    "general": ("CAPT", _lt("Share Capital Transfers")),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_share_pending_account_id = fields.Many2one(
        "account.account",
        string="Share Capital in Progress",
        copy=False,
        check_company=True,
        help="Clearing account of capital invoices and redemption bills. Capital reaches the "
        "equity account of "
        "its class only when the document is paid and the register entry is posted, so register "
        "and ledger "
        "agree at every moment. Created on first use when empty.",
    )
    coop_admission_rule = fields.Selection(
        [
            (ADMISSION_ONCE_PAID, "Once the fee and the required shares are paid"),
            (ADMISSION_ON_APPROVAL, "On the board's approval"),
        ],
        string="Admission",
        default=ADMISSION_ONCE_PAID,
        required=True,
        help="Once paid: an applicant becomes a member as soon as the membership fee (invoiced "
        "on application) and the shares required for membership are paid. On approval: only the "
        "board admits, once the required shares are held; the fee is invoiced then.",
    )
    coop_admission_breach = fields.Selection(
        [("refuse", "Refuse the decision"), ("warn", "Warn, and ask the board for a reason")],
        string="Board Decision Against the Rule",
        default="refuse",
        required=True,
        help="What happens when the board approves an applicant who does not meet the admission "
        "rule yet (required shares not held, fee not paid).",
    )
    coop_membership_fee_account_id = fields.Many2one(
        "account.account",
        string="Membership Fee Income Account",
        check_company=True,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        help="Income account of membership fee invoices. Empty: the default account of the "
        "co-op's sales journal.",
    )
    coop_share_line_sequence_id = fields.Many2one(
        "ir.sequence",
        string="Share Register Sequence",
        copy=False,
        help="Created on the first register entry.",
    )

    def _coop_share_journal(self, journal_type):
        """The share journal of this type, created on first use."""
        self.ensure_one()
        Journal = self.env["account.journal"].sudo()
        journal = Journal.search(
            [
                ("company_id", "=", self.id),
                ("coop_share_capital", "=", True),
                ("type", "=", journal_type),
            ],
            limit=1,
        )
        if journal:
            return journal
        code, name = SHARE_JOURNALS[journal_type]
        taken = set(
            Journal.with_context(active_test=False)
            .search([("company_id", "=", self.id)])
            .mapped("code")
        )
        unique_code, suffix = code, 1
        while unique_code in taken:
            suffix += 1
            unique_code = f"{code[:4]}{suffix}"
        return Journal.create(
            {
                "name": str(name),
                "code": unique_code,
                "type": journal_type,
                "company_id": self.id,
                "coop_share_capital": True,
                "show_on_dashboard": journal_type != "general",
            }
        )

    def _coop_share_pending_account(self):
        self.ensure_one()
        account = self.sudo().coop_share_pending_account_id
        if account:
            return account
        Account = self.env["account.account"].sudo().with_company(self)
        code = 109900
        while Account.search_count(
            [("code", "=", str(code)), ("company_ids", "in", self.ids)], limit=1
        ):
            code += 1
        account = Account.create(
            {
                "name": _("Share capital in progress"),
                "code": str(code),
                "account_type": "liability_current",
                "company_ids": [fields.Command.set(self.ids)],
            }
        )
        self.sudo().coop_share_pending_account_id = account
        return account

    def _coop_share_line_numbers(self, count):
        """``count`` consecutive register entry numbers, one sequence round trip."""
        self.ensure_one()
        sequence = self.sudo().coop_share_line_sequence_id
        if not sequence:
            sequence = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": _("Share register %(company)s", company=self.name),
                        "code": "coop.share.line",
                        "prefix": "SR",
                        "padding": 7,
                        "company_id": self.id,
                        "implementation": "standard",
                    }
                )
            )
            self.sudo().coop_share_line_sequence_id = sequence
        self.env.cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            (f"ir_sequence_{sequence.id:03d}", count),
        )
        return [sequence.get_next_char(value) for (value,) in self.env.cr.fetchall()]

    def _coop_fee_journal(self):
        """The sales journal of membership fee invoices: an ordinary one, the fee is income,
        not capital."""
        self.ensure_one()
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("type", "=", "sale"),
                    ("coop_share_capital", "=", False),
                ],
                limit=1,
            )
        )
        if not journal:
            raise UserError(
                _(
                    "%(company)s has no sales journal to invoice the membership fee.",
                    company=self.name,
                )
            )
        return journal

    def _coop_fee_account(self):
        self.ensure_one()
        account = self.sudo().coop_membership_fee_account_id or (
            self._coop_fee_journal().default_account_id
        )
        if not account:
            raise UserError(
                _(
                    "Set the membership fee income account of %(company)s in the co-op settings.",
                    company=self.name,
                )
            )
        return account

    def _coop_required_share_classes(self):
        self.ensure_one()
        return (
            self.env["coop.share.class"]
            .sudo()
            .search([("company_id", "=", self.id), ("required_for_membership", "=", True)])
        )

    def _coop_shares_ensure_chart(self):
        """Load the generic chart of accounts on co-ops that have none (demo data)."""
        for company in self.filtered(lambda c: not c.chart_template):
            self.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
