# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.coop_base import membership_rules

from ..share_rules import (
    ShareRuleError,
    check_conversion_value,
    check_positive_quantity,
    check_transfer,
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
OPEN_MEMBERSHIP_STATES = frozenset({membership_rules.APPLICANT, membership_rules.MEMBER})
# What a request asks for, fixed once it is submitted.
REQUEST_TERMS = (
    "request_type",
    "membership_id",
    "company_id",
    "class_id",
    "quantity",
    "target_partner_id",
    "target_class_id",
    "target_quantity",
)


class CoopShareRequest(models.Model):
    _name = "coop.share.request"
    _description = "Share Request"
    _inherit = ["coop.protected.mixin", "mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # Related and computed fields are listed too: writing them would write
    # through to the class, the membership or the accounting document.
    _coop_workflow_fields = (
        "name",
        "state",
        "request_date",
        "requested_by_id",
        "approved_by_id",
        "approval_date",
        "move_id",
        "target_membership_id",
        "line_ids",
        "reason",
        "certificate_to_send",
        "amount",
        "capital_change",
        "unit_value",
        "partner_id",
        "currency_id",
        "move_name",
        "payment_state",
    )

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
    capital_change = fields.Monetary(
        compute="_compute_amount",
        store=True,
        help="What the request adds to the co-op's capital (negative for a redemption; "
        "a transfer or a conversion moves capital without changing it): the column lists sum.",
    )
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
        copy=False,
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

    @api.depends("quantity", "class_id.nominal_value", "request_type")
    def _compute_amount(self):
        sign = {"subscription": 1, "redemption": -1}
        for request in self:
            request.amount = request.quantity * request.class_id.nominal_value
            request.capital_change = sign.get(request.request_type, 0) * request.amount

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
        self._coop_check_protected_vals(vals_list)
        for vals in vals_list:
            self._check_quantities(vals)
            company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
            vals["name"] = self._coop_request_sequence(company).next_by_id()
        requests = super(CoopShareRequest, self._coop_workflow()).create(vals_list)
        requests = requests.with_env(self.env)
        requests._check_request_values()
        return requests

    def write(self, vals):
        self._check_quantities(vals)
        result = super().write(vals)
        if set(REQUEST_TERMS) & set(vals):
            self._check_request_values()
        return result

    def _coop_frozen_fields(self):
        self.ensure_one()
        return set() if self.state == "draft" else set(REQUEST_TERMS)

    @api.model
    def _coop_request_sequence(self, company):
        """The request number sequence of one co-op, created on first use."""
        Sequence = self.env["ir.sequence"].sudo()
        domain = [("code", "=", "coop.share.request"), ("company_id", "=", company.id)]
        sequence = Sequence.search(domain, limit=1)
        if not sequence:
            # A concurrent first request of the same co-op fails to serialise and is
            # retried: it then finds this sequence instead of making a second one.
            self.env.cr.execute(
                "UPDATE res_company SET write_date = write_date WHERE id = %s", [company.id]
            )
            sequence = Sequence.create(
                {
                    "name": _("Share requests %(company)s", company=company.name),
                    "code": "coop.share.request",
                    "prefix": "SHR/%(year)s/",
                    "padding": 5,
                    "company_id": company.id,
                }
            )
        return sequence

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
            currency = self.company_id.currency_id if len(self) == 1 else None
            self.env["coop.share.line"]._raise_rule_error(error, currency)

    # ------------------------------------------------------------------
    # Workflow buttons
    # ------------------------------------------------------------------
    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _check_state(self, allowed, message):
        """``message`` names the refused step in full, with %(request)s and %(state)s."""
        for request in self:
            if request.state not in allowed:
                raise UserError(
                    message % {"request": request.name, "state": request._state_label()}
                )

    def _check_group(self, group, message):
        # superuser: server code acting for a portal member after its own checks
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(message)

    def _check_independent_decider(self):
        """Nobody decides on their own membership's requests, whoever filed them."""
        own = self.env.user.partner_id.commercial_partner_id
        for request in self.sudo():
            concerned = (
                request.membership_id.partner_id
                | request.target_partner_id
                | request.target_membership_id.partner_id
            ).commercial_partner_id
            if own in concerned:
                raise UserError(
                    _(
                        "You cannot decide on request %(request)s: it concerns your own "
                        "membership.",
                        request=request.name,
                    )
                )

    def action_submit(self):
        self._check_group(OFFICER_GROUP, _("Only co-op officers submit share requests."))
        self._check_state(
            ("draft",), _("Request %(request)s is %(state)s and cannot be submitted.")
        )
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
        for request in self:
            # notice periods run on the co-op's calendar, not the server's UTC date
            request._coop_workflow().write(
                {"state": "submitted", "request_date": request.company_id._coop_today()}
            )
        return True

    def action_approve(self):
        self._check_group(MANAGER_GROUP, _("Only co-op managers approve share requests."))
        self._check_state(
            ("submitted",), _("Request %(request)s is %(state)s and cannot be approved.")
        )
        self._check_independent_decider()
        for request in self:
            if request.requested_by_id == self.env.user:
                raise UserError(
                    _("You cannot approve your own request %(request)s.", request=request.name)
                )
        for request in self.sudo():
            request._approve()
        return True

    def action_reject(self, reason=None):
        self._check_group(MANAGER_GROUP, _("Only co-op managers reject share requests."))
        self._check_state(
            ("submitted",), _("Request %(request)s is %(state)s and cannot be rejected.")
        )
        self._check_independent_decider()
        return self._decide("reject", reason)

    def action_cancel(self, reason=None):
        self._check_group(OFFICER_GROUP, _("Only co-op officers cancel share requests."))
        self._check_state(
            ("draft", "submitted", "approved", "invoiced"),
            _("Request %(request)s is %(state)s and cannot be cancelled."),
        )
        return self._decide("cancel", reason)

    def _decide(self, decision, reason):
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
        # the request is closed first, so cancelling its document has nothing left to do
        self.sudo()._coop_workflow().write(
            {"state": "rejected" if decision == "reject" else "cancelled", "reason": reason}
        )
        if moves:
            moves.sudo().button_cancel()
        return True

    def action_view_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
