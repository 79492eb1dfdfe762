# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

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
