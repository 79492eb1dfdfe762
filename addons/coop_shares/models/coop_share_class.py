# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from ..share_rules import ClassRules

# Fields copied onto the product that carries the class on invoices.
PRODUCT_FIELDS = ("name", "nominal_value", "equity_account_id", "active")


class CoopShareClass(models.Model):
    _name = "coop.share.class"
    _description = "Share Class"
    _inherit = ["coop.protected.mixin", "mail.thread"]
    _order = "company_id, sequence, id"
    _check_company_auto = True
    _coop_workflow_fields = ("product_id",)

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        required=True, tracking=True, help="Short code printed on certificates and the register."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Co-op",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    description = fields.Text(translate=True)
    nominal_value = fields.Monetary(required=True, tracking=True)
    product_id = fields.Many2one(
        "product.product",
        string="Invoicing Product",
        readonly=True,
        copy=False,
        ondelete="restrict",
        check_company=True,
        help="Created with the class so capital invoices stay standard Odoo invoices.",
    )
    required_for_membership = fields.Boolean(
        tracking=True, help="Holding the minimum of this class makes an applicant a member."
    )
    min_quantity = fields.Integer(
        string="Minimum to Hold",
        default=lambda self: self.env.company.coop_min_shares_per_member,
        tracking=True,
    )
    max_quantity = fields.Integer(
        string="Maximum per Member", tracking=True, help="0 means no maximum."
    )
    max_capital_percent = fields.Float(
        string="Maximum % of Capital per Member",
        tracking=True,
        help="Largest share of the co-op's whole capital (all classes) a member may hold after "
        "acquiring shares "
        "of this class. 0 means no maximum.",
    )
    transferable = fields.Boolean(default=True, tracking=True)
    redeemable = fields.Boolean(default=True, tracking=True)
    notice_period_days = fields.Integer(
        string="Redemption Notice (days)",
        tracking=True,
        help="Days between a redemption request and its approval.",
    )
    lockup_months = fields.Integer(
        string="Lock-up (months)",
        tracking=True,
        help="Shares cannot be redeemed during this time after acquisition.",
    )
    yearly_redemption_limit_percent = fields.Float(
        string="Yearly Redemption Limit (%)",
        tracking=True,
        help="Share of the class capital at the start of the fiscal year that may be redeemed in "
        "the year. "
        "0 means no limit.",
    )
    equity_account_id = fields.Many2one(
        "account.account",
        required=True,
        check_company=True,
        tracking=True,
        domain="[('account_type', 'in', ('equity', 'equity_unaffected'))]",
    )
    total_quantity = fields.Integer(compute="_compute_totals", string="Shares Outstanding")
    total_capital = fields.Monetary(compute="_compute_totals", string="Capital")
    holder_count = fields.Integer(compute="_compute_totals", string="Holders")

    _sql_constraints = [
        (
            "company_code_uniq",
            "unique (company_id, code)",
            "The class code must be unique within the co-op.",
        ),
        (
            "company_equity_account_uniq",
            "unique (company_id, equity_account_id)",
            "Each share class books to its own equity account, so the register and the ledger can "
            "be matched.",
        ),
        (
            "nominal_value_positive",
            "CHECK (nominal_value > 0)",
            "The nominal value must be positive.",
        ),
        (
            "limits_not_negative",
            "CHECK (min_quantity >= 0 AND max_quantity >= 0 AND notice_period_days >= 0 AND "
            "lockup_months >= 0)",
            "Minimum, maximum, notice period and lock-up cannot be negative.",
        ),
        (
            "percent_range",
            "CHECK (max_capital_percent BETWEEN 0 AND 100 AND yearly_redemption_limit_percent "
            "BETWEEN 0 AND 100)",
            "Percentages must lie between 0 and 100.",
        ),
    ]

    @api.depends("company_id")
    def _compute_totals(self):
        totals = (
            self.env["coop.share.line"]
            .sudo()
            ._read_group(
                [("class_id", "in", self.ids)], ["class_id"], ["quantity:sum", "amount:sum"]
            )
        )
        holders = dict(self.env["coop.share.line"].sudo()._holder_counts(self))
        by_class = {share_class.id: (quantity, amount) for share_class, quantity, amount in totals}
        for share_class in self:
            quantity, amount = by_class.get(share_class.id, (0, 0.0))
            share_class.total_quantity = quantity
            share_class.total_capital = amount
            share_class.holder_count = holders.get(share_class.id, 0)

    @api.constrains("min_quantity", "max_quantity")
    def _check_min_max(self):
        for share_class in self:
            if share_class.max_quantity and share_class.min_quantity > share_class.max_quantity:
                raise ValidationError(
                    _(
                        "The minimum to hold (%(minimum)s) exceeds the maximum per member "
                        "(%(maximum)s).",
                        minimum=share_class.min_quantity,
                        maximum=share_class.max_quantity,
                    )
                )

    @api.constrains("equity_account_id", "company_id")
    def _check_equity_account_company(self):
        # check_company covers the form; this also covers imports and RPC with sudo.
        for share_class in self:
            if share_class.company_id not in share_class.equity_account_id.company_ids:
                raise ValidationError(
                    _(
                        "The equity account %(account)s does not belong to %(company)s.",
                        account=share_class.equity_account_id.display_name,
                        company=share_class.company_id.name,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for share_class in self:
            share_class.display_name = (
                f"[{share_class.code}] {share_class.name}" if share_class.code else share_class.name
            )

    @api.model_create_multi
    def create(self, vals_list):
        classes = super().create(vals_list)
        for share_class in classes:
            share_class._coop_workflow().product_id = (
                self.env["product.product"].sudo().create(share_class._product_values())
            )
            share_class._sync_product_accounts()
        return classes

    def write(self, vals):
        Line = self.env["coop.share.line"].sudo()
        if {"company_id", "equity_account_id"} & set(vals) and Line.search_count(
            [("class_id", "in", self.ids)], limit=1
        ):
            # the register and the ledger of its equity account would part
            raise UserError(
                _(
                    "A share class with register entries keeps its co-op and its equity "
                    "account; create a new class and convert."
                )
            )
        if "nominal_value" in vals:
            changed = self.filtered(
                lambda c: c.currency_id.compare_amounts(c.nominal_value, vals["nominal_value"])
            )
            # approved requests were invoiced at the current value
            committed = changed and self.env["coop.share.request"].sudo().search_count(
                [
                    "|",
                    ("class_id", "in", changed.ids),
                    ("target_class_id", "in", changed.ids),
                    ("state", "in", ("approved", "invoiced", "paid", "done")),
                ],
                limit=1,
            )
            if committed or (
                changed and Line.search_count([("class_id", "in", changed.ids)], limit=1)
            ):
                raise UserError(
                    _(
                        "The nominal value of a class with register entries or approved "
                        "requests is fixed; create a new class and convert."
                    )
                )
        result = super().write(vals)
        if set(PRODUCT_FIELDS) & set(vals):
            for share_class in self:
                share_class.product_id.sudo().write(share_class._product_values())
                share_class._sync_product_accounts()
        return result

    def unlink(self):
        if self.env["coop.share.line"].sudo().search_count([("class_id", "in", self.ids)], limit=1):
            raise UserError(
                _("A share class with register entries cannot be deleted; archive it instead.")
            )
        products = self.product_id
        result = super().unlink()
        products.sudo().unlink()
        return result

    def _product_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "default_code": self.code,
            "type": "service",
            "list_price": self.nominal_value,
            "standard_price": self.nominal_value,
            # Capital is not a sale: keep it out of quotations, purchases and sales analysis.
            "sale_ok": False,
            "purchase_ok": False,
            "categ_id": self.env.ref("coop_shares.product_category_share_capital").id,
            "taxes_id": [fields.Command.clear()],
            "supplier_taxes_id": [fields.Command.clear()],
            "company_id": self.company_id.id,
            "active": self.active,
        }

    def _sync_product_accounts(self):
        self.ensure_one()
        pending = self.company_id._coop_share_pending_account()
        self.product_id.product_tmpl_id.with_company(self.company_id).sudo().write(
            {"property_account_income_id": pending.id, "property_account_expense_id": pending.id}
        )

    def _rules(self):
        self.ensure_one()
        return ClassRules(
            nominal_value=Decimal(str(self.nominal_value)),
            min_quantity=self.min_quantity,
            required_for_membership=self.required_for_membership,
            max_quantity=self.max_quantity,
            max_capital_percent=self.max_capital_percent,
            transferable=self.transferable,
            redeemable=self.redeemable,
            notice_period_days=self.notice_period_days,
            lockup_months=self.lockup_months,
            yearly_redemption_percent=self.yearly_redemption_limit_percent,
        )

    def _portal_terms(self):
        """The class's price and limits in sentences, shown to members before they ask."""
        self.ensure_one()
        price = format_amount(self.env, self.nominal_value, self.currency_id)
        terms = [_("%(price)s per share.", price=price)]
        if self.required_for_membership and self.min_quantity:
            terms.append(
                _("Members hold at least %(count)s of these shares.", count=self.min_quantity)
            )
        if self.max_quantity:
            terms.append(_("At most %(count)s shares per member.", count=self.max_quantity))
        if self.max_capital_percent:
            terms.append(
                _(
                    "No member may hold more than %(percent)s%% of the co-op's capital.",
                    percent=f"{self.max_capital_percent:g}",
                )
            )
        if not self.redeemable:
            terms.append(_("These shares cannot be redeemed."))
        else:
            if self.lockup_months:
                terms.append(
                    _(
                        "Shares can be redeemed %(months)s months after they were acquired.",
                        months=self.lockup_months,
                    )
                )
            if self.notice_period_days:
                terms.append(
                    _(
                        "A redemption is decided at least %(days)s days after it is asked for.",
                        days=self.notice_period_days,
                    )
                )
            if self.yearly_redemption_limit_percent:
                terms.append(
                    _(
                        "Each year at most %(percent)s%% of the class capital is redeemed.",
                        percent=f"{self.yearly_redemption_limit_percent:g}",
                    )
                )
        return terms

    def _lock_for_debit(self):
        """Serialise transactions that take shares out of these classes.

        Odoo runs in REPEATABLE READ: a plain row lock would let the second
        transaction continue on its old snapshot once the first commits. Updating
        the row makes that second transaction fail with a serialisation error,
        which Odoo retries on a fresh snapshot that sees the first one's entries.
        """
        if self:
            self.env.cr.execute(
                "UPDATE coop_share_class SET write_date = write_date WHERE id IN %s",
                [tuple(sorted(self.ids))],
            )

    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coop_shares.coop_share_line_action")
        action["domain"] = [("class_id", "=", self.id)]
        action["context"] = {"search_default_group_membership": 1}
        return action
