# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_amount

from ..share_rules import ShareRuleError, lowest_running_holdings

OPERATIONS = [
    ("issue", "Issue"),
    ("transfer_out", "Transfer Out"),
    ("transfer_in", "Transfer In"),
    ("redemption", "Redemption"),
    ("conversion_out", "Conversion Out"),
    ("conversion_in", "Conversion In"),
    ("reversal", "Reversal"),
]
# Rule error figures that are amounts of money, shown in the co-op's currency.
MONEY_PARAMS = ("amount", "used", "limit", "out_value", "in_value")
INCOMING_OPERATIONS = ("issue", "transfer_in", "conversion_in")
OUTGOING_OPERATIONS = ("transfer_out", "redemption", "conversion_out")


class CoopShareLine(models.Model):
    _name = "coop.share.line"
    _description = "Share Register Entry"
    _inherit = ["coop.protected.mixin"]
    _order = "company_id, date desc, id desc"
    _check_company_auto = True
    _rec_name = "name"

    name = fields.Char(string="Entry Number", required=True, readonly=True, index=True, copy=False)
    company_id = fields.Many2one(
        "res.company", string="Co-op", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company._coop_today(),
    )
    membership_id = fields.Many2one(
        "coop.membership",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(related="membership_id.partner_id", string="Holder")
    class_id = fields.Many2one(
        "coop.share.class",
        string="Share Class",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    quantity = fields.Integer(
        required=True, readonly=True, help="Positive when shares come in, negative when they go."
    )
    unit_value = fields.Monetary(required=True, readonly=True)
    amount = fields.Monetary(required=True, readonly=True)
    operation = fields.Selection(OPERATIONS, required=True, readonly=True, index=True)
    state = fields.Selection([("posted", "Posted")], default="posted", required=True, readonly=True)
    request_id = fields.Many2one(
        "coop.share.request", readonly=True, index=True, ondelete="restrict", check_company=True
    )
    move_id = fields.Many2one(
        "account.move",
        string="Accounting Entry",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
    )
    reversed_line_id = fields.Many2one(
        "coop.share.line",
        string="Reverses",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
    )
    reversal_line_ids = fields.One2many(
        "coop.share.line", "reversed_line_id", string="Reversed By", readonly=True
    )
    note = fields.Char(readonly=True)

    _sql_constraints = [
        (
            "company_name_uniq",
            "unique (company_id, name)",
            "Register entry numbers are unique within a co-op.",
        ),
        (
            "quantity_not_zero",
            "CHECK (quantity != 0)",
            "A register entry moves at least one share.",
        ),
        ("reversal_once", "unique (reversed_line_id)", "A register entry is reversed only once."),
    ]

    # ------------------------------------------------------------------
    # Immutability
    # ------------------------------------------------------------------
    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(
            _("Posted register entries cannot be changed; post a reversal entry instead.")
        )

    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(
            _("Posted register entries cannot be deleted; post a reversal entry instead.")
        )

    @api.model_create_multi
    def create(self, vals_list):
        """Entries are only born through :meth:`_post_entries`, which checks them: no caller
        creates one, administrators and ``sudo()`` included."""
        if not self._coop_in_workflow():
            raise UserError(_("Register entries are posted by share requests and reversals only."))
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Posting
    # ------------------------------------------------------------------
    @api.model
    def _post_entries(self, vals_list):
        """Number, check and store entries; the only way into the register.

        Each dict needs membership_id, class_id, quantity and operation; date,
        request_id, move_id, reversed_line_id and note are optional.
        """
        if not vals_list:
            return self.browse()
        classes = (
            self.env["coop.share.class"].sudo().browse({vals["class_id"] for vals in vals_list})
        )
        memberships = (
            self.env["coop.membership"].sudo().browse({vals["membership_id"] for vals in vals_list})
        )
        today = {company: company._coop_today() for company in classes.company_id}
        for vals in vals_list:
            share_class = classes.browse(vals["class_id"])
            membership = memberships.browse(vals["membership_id"])
            if not vals["quantity"]:
                raise ValidationError(_("A register entry moves at least one share."))
            if membership.company_id != share_class.company_id:
                raise ValidationError(_("Membership and share class belong to different co-ops."))
            vals.setdefault("date", today[share_class.company_id])
            if fields.Date.to_date(vals["date"]) > today[share_class.company_id]:
                raise ValidationError(_("Register entries cannot be dated in the future."))
            vals["company_id"] = share_class.company_id.id
            vals.setdefault("unit_value", share_class.nominal_value)
            vals["amount"] = share_class.currency_id.round(vals["quantity"] * vals["unit_value"])
        negatives = [vals for vals in vals_list if vals["quantity"] < 0]
        if negatives:
            classes.browse({vals["class_id"] for vals in negatives})._lock_for_debit()
            self._check_no_negative_holdings(vals_list)
        for company in classes.company_id:
            company_vals = [vals for vals in vals_list if vals["company_id"] == company.id]
            for vals, number in zip(
                company_vals, company._coop_share_line_numbers(len(company_vals)), strict=True
            ):
                vals["name"] = number
        return self.sudo()._coop_workflow().create(vals_list).with_env(self.sudo().env)

    @api.model
    def _check_no_negative_holdings(self, vals_list):
        keys = {(vals["membership_id"], vals["class_id"]) for vals in vals_list}
        existing = self.sudo()._read_group(
            [
                ("membership_id", "in", list({key[0] for key in keys})),
                ("class_id", "in", list({key[1] for key in keys})),
            ],
            ["membership_id", "class_id", "date:day"],
            ["quantity:sum"],
        )
        existing_rows = [
            ((membership.id, share_class.id), day, quantity)
            for membership, share_class, day, quantity in existing
        ]
        new_rows = [
            (
                (vals["membership_id"], vals["class_id"]),
                fields.Date.to_date(vals["date"]),
                vals["quantity"],
            )
            for vals in vals_list
        ]
        for (membership_id, class_id), lowest in lowest_running_holdings(
            existing_rows, new_rows
        ).items():
            if lowest < 0:
                raise ValidationError(
                    _(
                        "%(member)s would hold a negative number of %(share_class)s shares.",
                        member=self.env["coop.membership"].browse(membership_id).display_name,
                        share_class=self.env["coop.share.class"].browse(class_id).display_name,
                    )
                )

    def action_reverse(self):
        """Correct entries: a counter journal entry and reversal register entries."""
        if not self.env.user.has_group("coop_base.group_coop_manager"):
            raise UserError(_("Only co-op managers reverse register entries."))
        own = self.env.user.partner_id.commercial_partner_id
        for line in self.sudo():
            # a transfer's entries are reversed together: both sides count
            concerned = (
                line.membership_id
                | line.request_id.membership_id
                | line.request_id.target_membership_id
            ).partner_id.commercial_partner_id
            if own in concerned:
                raise UserError(
                    _(
                        "You cannot reverse entry %(entry)s: it is on your own membership.",
                        entry=line.name,
                    )
                )
        self._check_reversible()
        self.sudo()._reverse_with_counter_entries()
        return True

    def _reverse_with_counter_entries(self, date=None):
        """Reverse these entries with every entry of the same request and journal entry
        (a transfer moves out and in at once), booking a counter entry for each."""
        pending = self.filtered(
            lambda line: line.operation != "reversal" and not line.reversal_line_ids
        )
        pairs = {(line.request_id, line.move_id) for line in pending}
        if not pairs:
            return self.browse()
        to_reverse = self.search(
            [
                ("request_id", "in", [request.id for request, _move in pairs]),
                ("move_id", "in", [move.id for _request, move in pairs]),
                ("operation", "!=", "reversal"),
                ("reversal_line_ids", "=", False),
            ]
        ).filtered(lambda line: (line.request_id, line.move_id) in pairs)
        counters = self.env["coop.share.request"]._post_counter_entries(
            sorted(pairs, key=lambda p: p[0].id)
        )
        reversals = self.browse()
        for (request, move), counter in counters.items():
            lines = to_reverse.filtered(
                lambda line, r=request, m=move: line.request_id == r and line.move_id == m
            )
            reversals |= lines._post_reversals(move=counter, date=date)
            request.message_post(
                body=_("Register entries reversed by %(move)s.", move=counter.display_name)
            )
        reversals.request_id._apply_membership_consequences(reversals)
        return reversals

    def _check_reversible(self):
        for line in self:
            if line.operation == "reversal":
                raise UserError(_("Entry %(entry)s is itself a reversal.", entry=line.name))
            if line.reversal_line_ids:
                raise UserError(_("Entry %(entry)s is already reversed.", entry=line.name))

    def _post_reversals(self, move=None, date=None):
        self._check_reversible()
        return self._post_entries(
            [
                {
                    "membership_id": line.membership_id.id,
                    "class_id": line.class_id.id,
                    "quantity": -line.quantity,
                    "unit_value": line.unit_value,
                    "operation": "reversal",
                    "date": date or line.company_id._coop_today(),
                    "request_id": line.request_id.id,
                    "move_id": move.id if move else False,
                    "reversed_line_id": line.id,
                    "note": self.env._("Reversal of %(entry)s", entry=line.name),
                }
                for line in self
            ]
        )

    # ------------------------------------------------------------------
    # Holdings from the ledger
    # ------------------------------------------------------------------
    @api.model
    def _get_holdings(self, domain=None, date=None):
        """{(membership_id, class_id): quantity} of non-zero holdings at ``date``.

        One aggregate query, whatever the number of members or entries. Plain ids
        rather than ``_read_group`` records: a co-op-wide call returns a row per holder.
        """
        domain = list(domain or [])
        if date:
            domain.append(("date", "<=", date))
        Line = self.sudo()
        Line.flush_model(["membership_id", "class_id", "quantity", "date", "company_id"])
        query = Line._search(domain)
        membership = SQL.identifier(query.table, "membership_id")
        share_class = SQL.identifier(query.table, "class_id")
        quantity = SQL("SUM(%s)", SQL.identifier(query.table, "quantity"))
        query.groupby = SQL("%s, %s", membership, share_class)
        query.having = SQL("%s != 0", quantity)
        rows = self.env.execute_query(query.select(membership, share_class, quantity))
        return {(membership_id, class_id): total for membership_id, class_id, total in rows}

    @api.model
    def _get_capital(self, domain=None, date=None):
        """{class_id: (quantity, amount)} at ``date``."""
        domain = list(domain or [])
        if date:
            domain.append(("date", "<=", date))
        groups = self.sudo()._read_group(domain, ["class_id"], ["quantity:sum", "amount:sum"])
        return {share_class.id: (quantity, amount) for share_class, quantity, amount in groups}

    @api.model
    def _holder_counts(self, classes):
        if not classes:
            return []
        self.env.cr.execute(
            """
            SELECT class_id, COUNT(*)
              FROM (SELECT class_id, membership_id
                      FROM coop_share_line
                     WHERE class_id IN %s
                  GROUP BY class_id, membership_id
                    HAVING SUM(quantity) > 0) AS holders
          GROUP BY class_id
            """,
            [tuple(classes.ids)],
        )
        return self.env.cr.fetchall()

    @api.model
    def _acquisitions(self, membership, share_class):
        """(date, quantity) of the incoming entries of one holding, for lock-up."""
        groups = self.sudo()._read_group(
            [
                ("membership_id", "=", membership.id),
                ("class_id", "=", share_class.id),
                ("quantity", ">", 0),
            ],
            ["date:day"],
            ["quantity:sum"],
        )
        return [(day, quantity) for day, quantity in groups]

    @api.model
    def _raise_rule_error(self, error: ShareRuleError, currency=None):
        """Translate a pure-rule failure into a user error with its figures, amounts in the
        co-op's currency."""
        currency = currency or self.env.company.currency_id
        params = {
            key: format_amount(self.env, float(value), currency) if key in MONEY_PARAMS else value
            for key, value in error.params.items()
        }
        # self.env._: the lambdas have no ``self`` for the plain ``_`` to find the language
        messages = {
            "quantity_not_positive": lambda: self.env._(
                "The quantity must be a positive whole number (got %(quantity)s).", **params
            ),
            "quantity_too_large": lambda: self.env._(
                "The quantity %(quantity)s is too large; the most is %(maximum)s.", **params
            ),
            "over_coop_max_quantity": lambda: self.env._(
                "This would bring the member's holding to %(holding)s shares of all classes, "
                "over the co-op's maximum of %(maximum)s per member.",
                **params,
            ),
            "over_max_quantity": lambda: self.env._(
                "This would bring the holding to %(holding)s shares, over the maximum of "
                "%(maximum)s per member.",
                **params,
            ),
            "over_max_capital_percent": lambda: self.env._(
                "This would give the member %(percent)s%% of the co-op's capital, "
                "over the maximum of %(maximum)s%%.",
                **params,
            ),
            "under_membership_minimum": lambda: self.env._(
                "This would leave %(holding)s shares, under the minimum of "
                "%(minimum)s required for membership; redeem or transfer every "
                "share to leave the co-op.",
                **params,
            ),
            "not_transferable": lambda: self.env._("Shares of this class cannot be transferred."),
            "transfer_to_self": lambda: self.env._(
                "A member cannot transfer shares to themselves."
            ),
            "conversion_value_mismatch": lambda: self.env._(
                "A conversion must keep the capital: %(out_value)s out against %(in_value)s in.",
                **params,
            ),
            "not_redeemable": lambda: self.env._("Shares of this class cannot be redeemed."),
            "over_holding": lambda: self.env._(
                "Cannot redeem %(quantity)s shares out of a holding of %(holding)s.", **params
            ),
            "inside_notice": lambda: self.env._(
                "The redemption notice period runs until %(notice_end)s.", **params
            ),
            "inside_lockup": lambda: self.env._(
                "Only %(free)s shares are out of their %(months)s-month lock-up; cannot "
                "redeem %(quantity)s.",
                **params,
            ),
            "over_yearly_limit": lambda: self.env._(
                "Redeeming %(amount)s would exceed this year's redemption limit: "
                "%(used)s already committed out of %(limit)s.",
                **params,
            ),
        }
        raise UserError(messages[error.code]())

    @api.model
    def _holdings_by_member(self, memberships, date=None):
        """{membership: {class: quantity}} for display (portal, statements)."""
        holdings = defaultdict(dict)
        for (membership_id, class_id), quantity in self._get_holdings(
            [("membership_id", "in", memberships.ids)], date=date
        ).items():
            holdings[membership_id][class_id] = quantity
        return holdings
