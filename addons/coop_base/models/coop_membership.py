from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import membership_rules as rules

STATE_SELECTION = [
    (rules.APPLICANT, "Applicant"),
    (rules.MEMBER, "Member"),
    (rules.SUSPENDED, "Suspended"),
    (rules.WITHDRAWN, "Withdrawn"),
    (rules.EXPELLED, "Expelled"),
    (rules.DECEASED, "Deceased"),
    (rules.REJECTED, "Rejected"),
]

# Board decisions; the other actions are the officers' daily work.
MANAGER_ACTIONS = frozenset({"approve", "reject", "suspend", "reinstate", "expel"})

# decisions announced to the applicant by email
DECISION_MAIL_TEMPLATES = {
    "approve": "coop_base.mail_template_membership_approved",
    "reject": "coop_base.mail_template_membership_rejected",
}

OFFICER_GROUP = "coop_base.group_coop_officer"
MANAGER_GROUP = "coop_base.group_coop_manager"


class CoopMembership(models.Model):
    _name = "coop.membership"
    _description = "Co-op Membership"
    _inherit = ["coop.protected.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "company_id, member_number, id"
    _check_company_auto = True
    _rec_names_search = ["member_number", "partner_id"]

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Co-op",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.company,
    )
    member_number = fields.Char(copy=False, readonly=True, index=True, tracking=True)
    member_class_id = fields.Many2one(
        "coop.member.class", index=True, tracking=True, check_company=True
    )
    state = fields.Selection(
        STATE_SELECTION,
        default=rules.APPLICANT,
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    application_date = fields.Date(
        default=lambda self: self.env.company._coop_today(), required=True, tracking=True
    )
    admission_date = fields.Date(readonly=True, copy=False, tracking=True)
    end_date = fields.Date(readonly=True, copy=False, tracking=True)
    state_reason = fields.Text(string="Reason", readonly=True, copy=False, tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    suspension_ids = fields.One2many(
        "coop.membership.suspension", "membership_id", string="Suspensions", readonly=True
    )
    user_ids = fields.Many2many("res.users", compute="_compute_user_ids", string="Portal Users")
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    application_note = fields.Text(help="What the applicant wrote when applying.")
    pending_decision_mail = fields.Selection(
        [("approve", "Approval"), ("reject", "Rejection")],
        readonly=True,
        copy=False,
        index=True,
        help="Decision whose email to the applicant is still to be queued.",
    )
    previous_membership_id = fields.Many2one(
        "coop.membership",
        compute="_compute_previous_membership_id",
        store=True,
        index="btree_not_null",
        tracking=True,
        help="The partner's earlier membership in this co-op, when they applied again.",
    )
    color = fields.Integer()

    # set by the state machine (_apply_transition) and its numbering only
    _coop_workflow_fields = (
        "state",
        "member_number",
        "admission_date",
        "end_date",
        "state_reason",
        "decided_by_id",
        "pending_decision_mail",
        "previous_membership_id",
    )

    _sql_constraints = [
        (
            # ended memberships stay as history: a former member may apply again
            "partner_company_uniq",
            "EXCLUDE (partner_id WITH =, company_id WITH =) WHERE (state IN (%s))"
            % ", ".join(f"'{state}'" for state in sorted(rules.CURRENT_STATES)),
            "A partner has one current membership per co-op.",
        ),
        (
            "company_member_number_uniq",
            "unique (company_id, member_number)",
            "A member number is unique within a co-op.",
        ),
    ]

    def _coop_frozen_fields(self):
        # once decided, the membership is that partner's in that co-op
        frozen = super()._coop_frozen_fields()
        if self.state != rules.APPLICANT:
            frozen |= {"partner_id", "company_id", "application_date"}
        return frozen

    @api.depends("partner_id.user_ids")
    def _compute_user_ids(self):
        for membership in self:
            membership.user_ids = membership.partner_id.user_ids

    @api.depends("partner_id", "company_id")
    def _compute_previous_membership_id(self):
        history = self._coop_history(self.partner_id.ids, self.company_id.ids)
        for membership in self:
            # the latest of the partner's memberships there created before this one
            key = (membership.partner_id.id, membership.company_id.id)
            earlier = history.get(key, self.browse()).filtered(
                lambda m, new=membership: m != new and (not new._origin or m.id < new._origin.id)
            )
            membership.previous_membership_id = earlier[-1:].with_env(self.env)

    @api.depends("member_number", "partner_id.name")
    def _compute_display_name(self):
        for membership in self:
            name = membership.partner_id.name or ""
            membership.display_name = (
                f"{membership.member_number} - {name}" if membership.member_number else name
            )

    # ------------------------------------------------------------------
    # Integrity
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        default_company_id = self.env.context.get("default_company_id") or self.env.company.id
        for vals in vals_list:
            vals.setdefault("company_id", default_company_id)
            # the date of the co-op applied to, not of the user's company
            if not vals.get("application_date"):
                vals["application_date"] = (
                    self.env["res.company"].browse(vals["company_id"])._coop_today()
                )
        self._serialise_on_partners({vals.get("partner_id") for vals in vals_list} - {None})
        self._check_may_apply([(vals.get("partner_id"), vals["company_id"]) for vals in vals_list])
        self._check_unique_keys(
            [(vals["company_id"], vals.get("member_number")) for vals in vals_list]
        )
        # the table's constraint on current memberships reads the states in
        # the database: an earlier membership ended in this transaction must
        # be stored as ended before the new row is inserted
        self.flush_model(["state"])
        memberships = super().create(vals_list)
        memberships.filtered(lambda m: m.state == rules.APPLICANT)._schedule_review_activities()
        memberships.filtered("previous_membership_id")._post_reapplication_notes()
        return memberships

    def _serialise_on_partners(self, partner_ids):
        """Two transactions giving one partner a membership at once (two
        applications, two transfers to the same newcomer) conflict on the
        partner's row: the second fails to serialise, and Odoo retries it on a
        snapshot that sees the first one's membership, rather than failing on
        the exclusion constraint. (A row lock alone would not do: in REPEATABLE
        READ the waiting transaction would go on with its old snapshot.)"""
        if partner_ids:
            self.env.cr.execute(
                "UPDATE res_partner SET write_date = write_date WHERE id IN %s",
                [tuple(sorted(partner_ids))],
            )

    def write(self, vals):
        # partner and co-op change only on an application (frozen after);
        # a member number is the workflow's (checked by its numbering)
        if {"partner_id", "company_id"} & set(vals) and not self._coop_in_workflow():
            self._check_may_apply(
                [
                    (
                        vals.get("partner_id", membership.partner_id.id),
                        vals.get("company_id", membership.company_id.id),
                    )
                    for membership in self
                ],
                exclude_ids=self.ids,
            )
        return super().write(vals)

    @api.model
    def _check_unique_keys(self, keys, exclude_ids=()):
        """Raise a readable error before the unique member number constraint
        of the table would refuse the rows. ``keys`` holds (company id,
        member number) pairs of the rows about to be stored."""
        by_company = defaultdict(set)
        for company_id, member_number in keys:
            if not member_number:
                continue
            if member_number in by_company[company_id]:
                raise ValidationError(
                    self.env._("The same membership appears twice in one operation.")
                )
            by_company[company_id].add(member_number)
        Membership = self.sudo()
        for company_id, numbers in by_company.items():
            clash = numbers and Membership.search(
                [
                    ("company_id", "=", company_id),
                    ("id", "not in", list(exclude_ids)),
                    ("member_number", "in", list(numbers)),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "Member number %(number)s is already used in %(coop)s by %(partner)s.",
                        number=clash.member_number,
                        coop=clash.company_id.name,
                        partner=clash.partner_id.display_name,
                    )
                )

    @api.model
    def _coop_state_label(self, state):
        """The label of ``state`` in the user's language, for messages."""
        return dict(self._fields["state"]._description_selection(self.env))[state]

    @api.ondelete(at_uninstall=False)
    def _unlink_only_applications(self):
        for membership in self:
            if not rules.can_delete(membership.state):
                raise UserError(
                    self.env._(
                        "The membership of %(partner)s is %(state)s: it stays in the register. "
                        "Withdraw or expel the member instead of deleting the membership.",
                        partner=membership.partner_id.display_name,
                        state=self._coop_state_label(membership.state),
                    )
                )

    # ------------------------------------------------------------------
    # Who is a member: queries for the other co-op addons
    # ------------------------------------------------------------------
    @api.model
    def _good_standing_domain(self, company, date=None):
        if not date:
            return [("company_id", "=", company.id), ("state", "=", rules.MEMBER)]
        date = fields.Date.to_date(date)
        return [
            ("company_id", "=", company.id),
            ("state", "in", list(rules.ADMITTED_STATES)),
            ("admission_date", "<=", date),
            "|",
            ("end_date", "=", False),
            ("end_date", ">", date),
            (
                "suspension_ids",
                "not any",
                [
                    ("date_start", "<=", date),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">", date),
                ],
            ),
        ]

    @api.model
    def _get_members_in_good_standing(self, company, date=None):
        """Memberships of ``company`` that were active members on ``date``
        (today when empty): admitted, not ended, not suspended."""
        return self.search(self._good_standing_domain(company, date))

    @api.model
    def _get_membership(self, partner, company):
        """The current membership of ``partner`` (or its commercial entity)
        in ``company``, else the latest one that ended, else an empty
        recordset."""
        partners = partner | partner.commercial_partner_id
        memberships = self.search(
            [("partner_id", "in", partners.ids), ("company_id", "=", company.id)], order="id desc"
        )
        current = memberships.filtered(lambda m: m.state in rules.CURRENT_STATES)
        return current[:1] or memberships[:1]
