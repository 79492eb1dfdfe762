# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from decimal import Decimal

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..share_rules import (
    ShareRuleError,
    check_conversion_value,
    check_holding_limits,
    check_membership_minimum,
    check_positive_quantity,
    check_redemption,
    check_transfer,
    falls_under_membership_minimum,
    fiscal_year_bounds,
    reaches_membership_minimum,
)

MANAGER_GROUP = "coop_base.group_coop_manager"
OFFICER_GROUP = "coop_base.group_coop_officer"

REQUEST_TYPES = [
    ("subscription", "Subscription"),
    ("transfer", "Transfer"),
    ("conversion", "Conversion"),
    ("redemption", "Redemption"),
]
STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("invoiced", "Invoiced"),
    ("paid", "Paid"),
    ("done", "Done"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
# Approved requests whose shares are committed but not yet in the register.
PENDING_STATES = ("approved", "invoiced", "paid")
OPEN_MEMBERSHIP_STATES = ("applicant", "member")


class CoopShareRequest(models.Model):
    _name = "coop.share.request"
    _description = "Share Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company",
        string="Co-op",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    request_type = fields.Selection(
        REQUEST_TYPES, string="Type", required=True, default="subscription", tracking=True
    )
    state = fields.Selection(
        STATES, required=True, default="draft", readonly=True, index=True, tracking=True, copy=False
    )
    membership_id = fields.Many2one(
        "coop.membership",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        help="The subscriber, the member giving shares away, converting or redeeming them.",
    )
    partner_id = fields.Many2one(
        related="membership_id.partner_id", string="Holder", store=True, index=True
    )
    class_id = fields.Many2one(
        "coop.share.class", string="Share Class", required=True, tracking=True, check_company=True
    )
    quantity = fields.Integer(required=True, default=1, tracking=True)
    unit_value = fields.Monetary(related="class_id.nominal_value")
    amount = fields.Monetary(compute="_compute_amount", store=True)
    target_partner_id = fields.Many2one(
        "res.partner",
        string="Transfer To",
        tracking=True,
        help="Receiver of a transfer; a partner without membership becomes an applicant and joins "
        "once the "
        "minimum is held.",
    )
    target_membership_id = fields.Many2one(
        "coop.membership",
        string="Receiving Membership",
        readonly=True,
        copy=False,
        check_company=True,
    )
    target_class_id = fields.Many2one(
        "coop.share.class", string="Convert To", tracking=True, check_company=True
    )
    target_quantity = fields.Integer(string="Quantity Received", tracking=True)
    request_date = fields.Date(
        readonly=True,
        copy=False,
        tracking=True,
        help="Submission date; redemption notice runs from it.",
    )
    requested_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approval_date = fields.Date(readonly=True, copy=False, tracking=True)
    move_id = fields.Many2one(
        "account.move",
        string="Accounting Document",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )
    move_name = fields.Char(related="move_id.name", string="Document Number")
    payment_state = fields.Selection(related="move_id.payment_state", string="Payment Status")
    line_ids = fields.One2many(
        "coop.share.line", "request_id", string="Register Entries", readonly=True
    )
    reason = fields.Text(
        readonly=True, copy=False, tracking=True, help="Why the request was rejected or cancelled."
    )
    certificate_to_send = fields.Boolean(readonly=True, copy=False, index=True)
    note = fields.Text()

    _sql_constraints = [
        ("quantity_positive", "CHECK (quantity > 0)", "The quantity must be positive."),
        (
            "target_quantity_not_negative",
            "CHECK (target_quantity >= 0)",
            "The quantity received cannot be negative.",
        ),
    ]

    @api.depends("quantity", "class_id.nominal_value")
    def _compute_amount(self):
        for request in self:
            request.amount = request.quantity * request.class_id.nominal_value

    @api.depends("name", "request_type", "partner_id")
    def _compute_display_name(self):
        types = dict(self._fields["request_type"]._description_selection(self.env))
        for request in self:
            request.display_name = f"{request.name} ({types.get(request.request_type, '')})"

    def _compute_access_url(self):
        # one portal page lists the member's requests
        for request in self:
            request.access_url = "/my/shares"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            self._check_quantities(vals)
            if vals.get("name", "/") == "/":
                company_id = vals.get("company_id") or self.env.company.id
                vals["name"] = (
                    Sequence.with_company(company_id).next_by_code("coop.share.request") or "/"
                )
        requests = super().create(vals_list)
        requests._check_request_values()
        return requests

    def write(self, vals):
        locked_fields = {
            "membership_id",
            "class_id",
            "quantity",
            "request_type",
            "target_partner_id",
            "target_class_id",
            "target_quantity",
            "company_id",
        }
        if locked_fields & set(vals) and any(
            request.state not in ("draft", "submitted") for request in self
        ):
            raise UserError(_("Only draft or submitted requests can be changed."))
        self._check_quantities(vals)
        result = super().write(vals)
        if locked_fields & set(vals):
            self._check_request_values()
        return result

    def unlink(self):
        if any(request.state != "draft" for request in self):
            raise UserError(_("Only draft requests can be deleted; cancel the others."))
        return super().unlink()

    @api.model
    def _check_quantities(self, vals):
        """Before the database constraints, so the user reads why."""
        if "quantity" in vals:
            self._run_rule(check_positive_quantity, vals["quantity"])
        if vals.get("target_quantity"):
            self._run_rule(check_positive_quantity, vals["target_quantity"])

    def _check_request_values(self):
        for request in self:
            request._run_rule(check_positive_quantity, request.quantity)
            if request.request_type == "transfer":
                if not request.target_partner_id:
                    raise ValidationError(_("Choose who receives the transferred shares."))
                request._run_rule(
                    check_transfer,
                    request.class_id._rules(),
                    request.partner_id.commercial_partner_id,
                    request.target_partner_id.commercial_partner_id,
                )
            if request.request_type == "conversion":
                if not request.target_class_id or request.target_class_id == request.class_id:
                    raise ValidationError(_("Choose another share class to convert to."))
                request._run_rule(check_positive_quantity, request.target_quantity)
                request._run_rule(
                    check_conversion_value,
                    request.class_id._rules(),
                    request.quantity,
                    request.target_class_id._rules(),
                    request.target_quantity,
                )

    @api.model
    def _run_rule(self, rule, *args, **kwargs):
        try:
            return rule(*args, **kwargs)
        except ShareRuleError as error:
            self.env["coop.share.line"]._raise_rule_error(error)

    # ------------------------------------------------------------------
    # Workflow buttons
    # ------------------------------------------------------------------
    def _check_state(self, allowed, action):
        for request in self:
            if request.state not in allowed:
                raise UserError(
                    _(
                        "Request %(request)s is %(state)s and cannot be %(action)s.",
                        request=request.name,
                        state=dict(STATES)[request.state],
                        action=action,
                    )
                )

    def action_submit(self):
        self._check_state(("draft",), _("submitted"))
        self._check_request_values()
        for request in self:
            if (
                request.membership_id.state not in OPEN_MEMBERSHIP_STATES
                and request.request_type != "redemption"
            ):
                raise UserError(
                    _(
                        "%(member)s is no longer an applicant or a member.",
                        member=request.membership_id.display_name,
                    )
                )
        self.write({"state": "submitted", "request_date": fields.Date.context_today(self)})
        return True

    def action_approve(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only co-op managers approve share requests."))
        self._check_state(("submitted",), _("approved"))
        for request in self:
            if request.requested_by_id == self.env.user:
                raise UserError(
                    _("You cannot approve your own request %(request)s.", request=request.name)
                )
        for request in self.sudo():
            request._approve()
        return True

    def action_reject(self, reason=None):
        return self._decide("reject", reason)

    def action_cancel(self, reason=None):
        return self._decide("cancel", reason)

    def _decide(self, decision, reason):
        if decision == "reject" and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only co-op managers reject share requests."))
        allowed = (
            ("submitted",)
            if decision == "reject"
            else ("draft", "submitted", "approved", "invoiced")
        )
        self._check_state(allowed, _("rejected") if decision == "reject" else _("cancelled"))
        if reason is None:
            return {
                "type": "ir.actions.act_window",
                "res_model": "coop.share.request.reason.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_request_ids": self.ids, "default_decision": decision},
            }
        if not (reason or "").strip():
            raise UserError(_("Give a reason."))
        # officers cancel requests without rights on accounting documents
        moves = self.sudo().move_id.filtered(lambda move: move.state != "cancel")
        if any(move.payment_state not in ("not_paid", "blocked") for move in moves):
            raise UserError(
                _(
                    "A (partly) paid request cannot be cancelled; reverse its document with a "
                    "credit note."
                )
            )
        self.sudo().write(
            {"state": "rejected" if decision == "reject" else "cancelled", "reason": reason}
        )
        if moves:
            moves.sudo().with_context(coop_share_request_cancelling=True).button_cancel()
        return True

    def action_view_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def action_send_certificate(self):
        self._check_state(("done",), _("certified"))
        self._send_certificates()
        return True

    # ------------------------------------------------------------------
    # Approval per request type
    # ------------------------------------------------------------------
    def _approve(self):
        self.ensure_one()
        self._check_request_values()
        handler = {
            "subscription": self._approve_subscription,
            "transfer": self._approve_transfer,
            "conversion": self._approve_conversion,
            "redemption": self._approve_redemption,
        }[self.request_type]
        handler()
        self.message_post(body=_("Approved by %(user)s.", user=self.env.user.name))

    def _mark_approved(self):
        """Called by each approval once its checks passed."""
        self.write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approval_date": fields.Date.context_today(self),
            }
        )

    def _holding(self, membership, share_class):
        return (
            self.env["coop.share.line"]
            ._get_holdings(
                [("membership_id", "=", membership.id), ("class_id", "=", share_class.id)]
            )
            .get((membership.id, share_class.id), 0)
        )

    def _pending_quantity(self, membership, share_class, request_type):
        """Quantity of approved requests of a kind not yet in the register."""
        groups = self.sudo()._read_group(
            [
                ("membership_id", "=", membership.id),
                ("class_id", "=", share_class.id),
                ("request_type", "=", request_type),
                ("state", "in", PENDING_STATES),
                ("id", "!=", self.id),
            ],
            [],
            ["quantity:sum"],
        )
        return groups[0][0] or 0

    def _check_acquisition(self, membership, share_class, quantity, new_capital=True):
        """Holding limits for ``membership`` receiving ``quantity`` shares of ``share_class``.

        Approved requests not yet in the register count as held. ``new_capital``
        is False for a transfer, whose shares are already in the co-op's capital.
        """
        Line = self.env["coop.share.line"]
        company = share_class.company_id
        holding_after = (
            self._holding(membership, share_class)
            + self._pending_quantity(membership, share_class, "subscription")
            + quantity
        )
        rules = share_class._rules()
        member_capital = total_capital = Decimal(0)
        if rules.max_capital_percent:
            pending = self.sudo()._read_group(
                [
                    ("company_id", "=", company.id),
                    ("request_type", "=", "subscription"),
                    ("state", "in", PENDING_STATES),
                    ("id", "!=", self.id),
                ],
                ["membership_id"],
                ["amount:sum"],
            )
            pending_total = sum(amount for _membership, amount in pending)
            pending_member = sum(
                amount for pending_membership, amount in pending if pending_membership == membership
            )
            capital = Line._get_capital([("company_id", "=", company.id)])
            member_holding = Line._get_capital([("membership_id", "=", membership.id)])
            added = Decimal(str(share_class.nominal_value)) * quantity
            member_capital = (
                Decimal(str(sum(amount for _quantity, amount in member_holding.values())))
                + Decimal(str(pending_member))
                + added
            )
            total_capital = (
                Decimal(str(sum(amount for _quantity, amount in capital.values())))
                + Decimal(str(pending_total))
                + (added if new_capital else 0)
            )
        self._run_rule(
            check_holding_limits,
            rules,
            holding_after,
            member_capital,
            total_capital,
            company_max=company.coop_max_shares_per_member,
        )

    def _check_release(self, membership, share_class, quantity):
        """Shares leaving ``membership``: enough free shares, minimum kept or everything given
        up."""
        holding = self._holding(membership, share_class) - self._pending_quantity(
            membership, share_class, "redemption"
        )
        if quantity > holding:
            raise UserError(
                _(
                    "%(member)s holds %(holding)s free %(share_class)s shares, fewer than "
                    "%(quantity)s.",
                    member=membership.display_name,
                    holding=holding,
                    share_class=share_class.display_name,
                    quantity=quantity,
                )
            )
        self._run_rule(check_membership_minimum, share_class._rules(), holding - quantity)

    def _approve_subscription(self):
        if self.membership_id.state not in OPEN_MEMBERSHIP_STATES:
            raise UserError(
                _("%(member)s cannot subscribe shares.", member=self.membership_id.display_name)
            )
        self._check_acquisition(self.membership_id, self.class_id, self.quantity)
        self._mark_approved()
        journal = self.company_id._coop_share_journal("sale")
        move = (
            self.env["account.move"]
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "out_invoice",
                    "company_id": self.company_id.id,
                    "journal_id": journal.id,
                    "partner_id": self.partner_id.id,
                    "invoice_date": fields.Date.context_today(self),
                    "invoice_origin": self.name,
                    "coop_share_request_id": self.id,
                    "fiscal_position_id": False,
                    "invoice_line_ids": [Command.create(self._capital_line_values())],
                }
            )
        )
        move.action_post()
        self.write({"move_id": move.id, "state": "invoiced"})

    def _approve_redemption(self):
        share_class = self.class_id
        share_class._lock_for_debit()
        today = fields.Date.context_today(self)
        company = self.company_id
        fy_start, fy_end = fiscal_year_bounds(
            today,
            int(company.coop_fiscal_year_end_month or 12),
            company.coop_fiscal_year_end_day or 31,
        )
        committed = (
            self.sudo()._read_group(
                [
                    ("class_id", "=", share_class.id),
                    ("request_type", "=", "redemption"),
                    ("state", "in", (*PENDING_STATES, "done")),
                    ("approval_date", ">=", fy_start),
                    ("approval_date", "<=", fy_end),
                    ("id", "!=", self.id),
                ],
                [],
                ["amount:sum"],
            )[0][0]
            or 0.0
        )
        capital_at_start = (
            self.env["coop.share.line"]
            ._get_capital([("class_id", "=", share_class.id)], date=fy_start - timedelta(days=1))
            .get(share_class.id, (0, 0.0))[1]
        )
        holding = self._holding(self.membership_id, share_class) - self._pending_quantity(
            self.membership_id, share_class, "redemption"
        )
        self._run_rule(
            check_redemption,
            share_class._rules(),
            self.quantity,
            holding,
            self.env["coop.share.line"]._acquisitions(self.membership_id, share_class),
            self.request_date,
            today,
            Decimal(str(committed)),
            Decimal(str(capital_at_start)),
        )
        self._check_release(self.membership_id, share_class, self.quantity)
        self._mark_approved()
        journal = company._coop_share_journal("purchase")
        move = (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "in_invoice",
                    "company_id": company.id,
                    "journal_id": journal.id,
                    "partner_id": self.partner_id.id,
                    "invoice_date": today,
                    "invoice_origin": self.name,
                    "ref": self.name,
                    "coop_share_request_id": self.id,
                    "fiscal_position_id": False,
                    "invoice_line_ids": [Command.create(self._capital_line_values())],
                }
            )
        )
        move.action_post()
        self.write({"move_id": move.id, "state": "invoiced"})

    def _approve_transfer(self):
        share_class = self.class_id
        share_class._lock_for_debit()
        target = self.env["coop.membership"]._get_membership(
            self.target_partner_id, self.company_id
        )
        if target and target.state not in OPEN_MEMBERSHIP_STATES:
            raise UserError(_("%(member)s cannot receive shares.", member=target.display_name))
        self._run_rule(check_transfer, share_class._rules(), self.membership_id.id, target.id)
        self._check_release(self.membership_id, share_class, self.quantity)
        self._check_acquisition(target, share_class, self.quantity, new_capital=False)
        self._mark_approved()
        if not target:
            # the receiver applies by receiving; coop_base admits them once the minimum is held
            target = self.env["coop.membership"].create(
                {"partner_id": self.target_partner_id.id, "company_id": self.company_id.id}
            )
        self.target_membership_id = target
        amount = self.amount
        move = self._post_capital_entry(
            [
                (share_class.equity_account_id, self.partner_id, amount, 0.0),
                (share_class.equity_account_id, target.partner_id, 0.0, amount),
            ]
        )
        self._post_lines(
            [
                (self.membership_id, share_class, -self.quantity, "transfer_out"),
                (target, share_class, self.quantity, "transfer_in"),
            ],
            move,
        )

    def _approve_conversion(self):
        source, target_class = self.class_id, self.target_class_id
        source._lock_for_debit()
        self._check_release(self.membership_id, source, self.quantity)
        self._check_acquisition(self.membership_id, target_class, self.target_quantity)
        self._mark_approved()
        move = self._post_capital_entry(
            [
                (source.equity_account_id, self.partner_id, self.amount, 0.0),
                (target_class.equity_account_id, self.partner_id, 0.0, self.amount),
            ]
        )
        self._post_lines(
            [
                (self.membership_id, source, -self.quantity, "conversion_out"),
                (self.membership_id, target_class, self.target_quantity, "conversion_in"),
            ],
            move,
        )

    def _capital_line_values(self):
        return {
            "product_id": self.class_id.product_id.id,
            "name": _(
                "%(quantity)s x %(share_class)s (%(request)s)",
                quantity=self.quantity,
                share_class=self.class_id.display_name,
                request=self.name,
            ),
            "quantity": self.quantity,
            "price_unit": self.class_id.nominal_value,
            "account_id": self.company_id._coop_share_pending_account().id,
            "tax_ids": [Command.clear()],
        }

    def _post_capital_entry(self, lines):
        """The request's own journal entry (transfer, conversion): lines are (account, partner,
        debit, credit)."""
        move = self._post_capital_entries({self: lines})[self]
        self.move_id = move
        return move

    def _post_capital_entries(self, lines_by_request):
        """{request: lines} -> {request: posted journal entry}, created and posted in one batch."""
        requests = list(lines_by_request)
        moves = self.env["account.move"].create(
            [
                self._capital_entry_values(
                    request.company_id, {request: lines_by_request[request]}, request
                )
                for request in requests
            ]
        )
        moves.action_post()
        return dict(zip(requests, moves, strict=True))

    def _post_settlement_entries(self, lines_by_request):
        """One settlement entry per co-op for a batch of paid documents: {request: entry}.

        Each request keeps its own lines (labelled with its reference), so a single
        request can be reversed later without touching the rest of the batch.
        """
        by_company = {}
        for request, lines in lines_by_request.items():
            by_company.setdefault(request.company_id, {})[request] = lines
        moves = self.env["account.move"].create(
            [self._capital_entry_values(company, lines) for company, lines in by_company.items()]
        )
        moves.action_post()
        entries = {}
        for move, requests in zip(moves, by_company.values(), strict=True):
            entries.update(dict.fromkeys(requests, move))
        return entries

    def _capital_entry_values(self, company, lines_by_request, own_request=None):
        """Journal entry values; lines are (account, partner, debit, credit) per request."""
        return {
            "move_type": "entry",
            "company_id": company.id,
            "journal_id": company._coop_share_journal("general").id,
            "date": fields.Date.context_today(self),
            "ref": own_request.name if own_request else _("Share capital settlement"),
            "coop_share_request_id": own_request.id if own_request else False,
            "line_ids": [
                Command.create(
                    {
                        "account_id": account.id,
                        "partner_id": partner.id,
                        "debit": debit,
                        "credit": credit,
                        "name": request.name,
                    }
                )
                for request, lines in lines_by_request.items()
                for account, partner, debit, credit in lines
            ],
        }

    def _post_lines(self, entries, move):
        """Register entries (membership, class, quantity, operation) of this request."""
        return self._post_register_entries(
            [
                (self, membership, share_class, quantity, operation, move)
                for membership, share_class, quantity, operation in entries
            ]
        )

    def _post_register_entries(self, entries):
        """Register entries (request, membership, class, quantity, operation, move) in one batch;
        the requests are done and membership follows."""
        lines = self.env["coop.share.line"]._post_entries(
            [
                {
                    "membership_id": membership.id,
                    "class_id": share_class.id,
                    "quantity": quantity,
                    "operation": operation,
                    "request_id": request.id,
                    "move_id": move.id,
                }
                for request, membership, share_class, quantity, operation, move in entries
            ]
        )
        requests = lines.request_id
        certified = lines.filtered(lambda line: line.quantity > 0).request_id
        certified.write({"state": "done", "certificate_to_send": True})
        (requests - certified).write({"state": "done"})
        requests._apply_membership_consequences(lines)
        if certified:
            self.env.ref("coop_shares.ir_cron_send_certificates")._trigger()
        return lines

    def _apply_membership_consequences(self, lines):
        """Admit applicants reaching a required minimum, withdraw members left without one."""
        holdings = self.env["coop.share.line"]._get_holdings(
            [("membership_id", "in", lines.membership_id.ids)]
        )
        request_names = {}
        for line in lines:
            request_names.setdefault(line.membership_id, set()).add(line.request_id.name)
        required_by_company = {
            company: [
                (share_class, share_class._rules())
                for share_class in company._coop_required_share_classes()
            ]
            for company in lines.company_id
        }
        for membership, names in request_names.items():
            required = required_by_company[membership.company_id]
            if not required:
                continue
            held = [
                (rules, holdings.get((membership.id, share_class.id), 0))
                for share_class, rules in required
            ]
            source = ", ".join(sorted(names))
            if membership.state == "applicant" and all(
                reaches_membership_minimum(rules, quantity) for rules, quantity in held
            ):
                membership._coop_admit(
                    _("Holds the required shares (%(request)s).", request=source)
                )
            elif membership.state in ("member", "suspended") and any(
                falls_under_membership_minimum(rules, quantity) for rules, quantity in held
            ):
                membership._coop_withdraw(
                    _("No longer holds the required shares (%(request)s).", request=source)
                )

    # ------------------------------------------------------------------
    # Accounting events
    # ------------------------------------------------------------------
    def _on_move_paid(self):
        """Capital invoices or redemption bills are paid: settle equity, post the register, in
        one batch."""
        refused = self.filtered(lambda request: request.state in ("cancelled", "rejected"))
        if refused:
            raise UserError(
                _(
                    "Request %(request)s is %(state)s: its document cannot be paid.",
                    request=refused[0].name,
                    state=dict(STATES)[refused[0].state],
                )
            )
        to_settle = self.filtered(lambda request: request.state == "invoiced")
        if not to_settle:
            return
        to_settle.write({"state": "paid"})
        settlement_lines, entries = {}, []
        for request in to_settle:
            pending = request.company_id._coop_share_pending_account()
            equity, partner, amount = (
                request.class_id.equity_account_id,
                request.partner_id,
                request.amount,
            )
            if request.request_type == "subscription":
                settlement_lines[request] = [
                    (pending, partner, amount, 0.0),
                    (equity, partner, 0.0, amount),
                ]
                entries.append(
                    (request, request.membership_id, request.class_id, request.quantity, "issue")
                )
            else:
                settlement_lines[request] = [
                    (equity, partner, amount, 0.0),
                    (pending, partner, 0.0, amount),
                ]
                entries.append(
                    (
                        request,
                        request.membership_id,
                        request.class_id,
                        -request.quantity,
                        "redemption",
                    )
                )
        settlements = self._post_settlement_entries(settlement_lines)
        self._post_register_entries([(*entry, settlements[entry[0]]) for entry in entries])

    def _on_move_cancelled(self, reason):
        to_cancel = self.filtered(lambda request: request.state in ("approved", "invoiced"))
        if to_cancel:
            to_cancel.write({"state": "cancelled", "reason": reason})
            for request in to_cancel:
                request.message_post(body=reason)

    def _on_move_reversed(self, reversal_move):
        """A credit note or reversal of the request's own document.

        Before payment it cancels the request; after it, the register entries are
        reversed together with their share of the settlement entry.
        """
        self.ensure_one()
        if reversal_move.reversed_entry_id != self.move_id:
            return
        if self.state in ("approved", "invoiced"):
            self._on_move_cancelled(
                _("Document reversed by %(move)s.", move=reversal_move.display_name)
            )
        elif self.state == "done":
            self.line_ids._reverse_with_counter_entries(date=reversal_move.date)

    def _post_counter_entries(self, pairs):
        """{(request, move): counter entry} undoing each request's own lines of ``move``."""
        lines_by_request = {}
        for request, move in pairs:
            lines_by_request[request] = [
                (line.account_id, line.partner_id, line.credit, line.debit)
                for line in move.line_ids
                if line.name == request.name
            ]
        counters = self._post_capital_entries(lines_by_request)
        for request, move in pairs:
            counters[request].ref = _(
                "Reversal of %(request)s in %(move)s", request=request.name, move=move.name
            )
        return {(request, move): counters[request] for request, move in pairs}

    # ------------------------------------------------------------------
    # Certificates
    # ------------------------------------------------------------------
    def _certificate_lines(self):
        self.ensure_one()
        return self.line_ids.filtered(
            lambda line: line.quantity > 0 and line.operation != "reversal"
        )

    def _send_certificates(self):
        template = self.env.ref("coop_shares.mail_template_share_certificate")
        for request in self:
            request.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        self.write({"certificate_to_send": False})

    @api.model
    def _cron_send_certificates(self, batch_size=200):
        """Certificates are rendered here, not in the payment transaction."""
        domain = [("certificate_to_send", "=", True), ("state", "=", "done")]
        requests = self.search(domain, limit=batch_size)
        for request in requests:
            request.with_company(request.company_id)._send_certificates()
        self.env["ir.cron"]._notify_progress(
            done=len(requests), remaining=self.search_count(domain)
        )

    def _get_report_base_filename(self):
        self.ensure_one()
        return _("Share certificate %(request)s", request=self.name)

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------
    @api.model
    def _demo_populate(self, company_id):
        """Requests of the demo co-op in every state, through the real workflow."""
        company = self.env["res.company"].browse(company_id)
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        officer = env.ref("coop_base.demo_user_officer")
        manager = env.ref("coop_base.demo_user_manager")
        member_share = env.ref("coop_shares.demo_share_class_member")
        investor_share = env.ref("coop_shares.demo_share_class_investor")

        def membership(number):
            return env.ref(f"coop_base.demo_membership_{number:02d}")

        def file(request_type, member, share_class, quantity, **extra):
            request = (
                self.with_env(env)
                .with_user(officer)
                .create(
                    {
                        "request_type": request_type,
                        "membership_id": member.id,
                        "company_id": company.id,
                        "class_id": share_class.id,
                        "quantity": quantity,
                        **extra,
                    }
                )
            )
            request.action_submit()
            return request.with_user(manager)

        def pay(request):
            env["account.payment.register"].with_context(
                active_model="account.move", active_ids=request.move_id.ids
            ).create({})._create_payments()

        for number, quantity in (
            (1, 2),
            (2, 1),
            (3, 4),
            (4, 1),
            (5, 3),
            (6, 1),
            (7, 2),
            (8, 1),
            (19, 1),
        ):
            request = file("subscription", membership(number), member_share, quantity)
            request.action_approve()
            pay(request)
        for number, quantity in ((2, 3), (3, 2)):
            request = file("subscription", membership(number), investor_share, quantity)
            request.action_approve()
            pay(request)
        file(
            "subscription", membership(9), member_share, 1
        ).action_approve()  # invoiced, awaiting payment
        file("subscription", membership(18), member_share, 1)  # submitted, for the board
        self.with_env(env).with_user(officer).create(
            {
                "request_type": "subscription",
                "membership_id": membership(10).id,
                "company_id": company.id,
                "class_id": member_share.id,
                "quantity": 2,
            }
        )  # draft
        file("subscription", membership(11), investor_share, 10).action_reject(
            "Above the investor cap of the class."
        )
        file("subscription", membership(12), member_share, 1).action_cancel(
            "Filed twice by mistake."
        )
        file(
            "transfer",
            membership(3),
            member_share,
            1,
            target_partner_id=membership(20).partner_id.id,
        ).action_approve()
        file(
            "conversion",
            membership(2),
            investor_share,
            1,
            target_class_id=member_share.id,
            target_quantity=10,
        ).action_approve()
        redemption = file("redemption", membership(3), investor_share, 1)
        redemption.action_approve()
        pay(redemption)
        file(
            "redemption", membership(2), investor_share, 1
        ).action_approve()  # bill awaiting payment
