from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

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
    )

    _sql_constraints = [
        (
            "partner_company_uniq",
            "unique (partner_id, company_id)",
            "A partner has one membership per co-op.",
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
        self._check_unique_keys(
            [
                (vals.get("partner_id"), vals["company_id"], vals.get("member_number"))
                for vals in vals_list
            ]
        )
        memberships = super().create(vals_list)
        memberships.filtered(lambda m: m.state == rules.APPLICANT)._schedule_review_activities()
        return memberships

    def write(self, vals):
        # a member number is the workflow's (checked by its numbering)
        keys_changed = {"partner_id", "company_id"} & set(vals)
        if keys_changed and not self._coop_in_workflow():
            self._check_unique_keys(
                [
                    (
                        vals.get("partner_id", membership.partner_id.id),
                        vals.get("company_id", membership.company_id.id),
                        vals.get("member_number", membership.member_number),
                    )
                    for membership in self
                ],
                exclude_ids=self.ids,
            )
        return super().write(vals)

    @api.model
    def _check_unique_keys(self, keys, exclude_ids=()):
        """Raise a readable error before the unique constraints of the
        table would refuse the rows. ``keys`` holds (partner id, company id,
        member number) triples of the rows about to be stored."""
        by_company = {}
        for partner_id, company_id, member_number in keys:
            partners, numbers = by_company.setdefault(company_id, (set(), set()))
            if partner_id in partners or (member_number and member_number in numbers):
                raise ValidationError(
                    self.env._("The same membership appears twice in one operation.")
                )
            partners.add(partner_id)
            if member_number:
                numbers.add(member_number)
        Membership = self.sudo()
        for company_id, (partners, numbers) in by_company.items():
            base_domain = [("company_id", "=", company_id), ("id", "not in", list(exclude_ids))]
            clash = Membership.search(base_domain + [("partner_id", "in", list(partners))], limit=1)
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(partner)s already has a membership in %(coop)s (state: %(state)s).",
                        partner=clash.partner_id.display_name,
                        coop=clash.company_id.name,
                        state=dict(STATE_SELECTION)[clash.state],
                    )
                )
            clash = numbers and Membership.search(
                base_domain + [("member_number", "in", list(numbers))], limit=1
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

    @api.ondelete(at_uninstall=False)
    def _unlink_only_applications(self):
        for membership in self:
            if not rules.can_delete(membership.state):
                raise UserError(
                    self.env._(
                        "The membership of %(partner)s is %(state)s: it stays in the register. "
                        "Withdraw or expel the member instead of deleting the membership.",
                        partner=membership.partner_id.display_name,
                        state=dict(STATE_SELECTION)[membership.state],
                    )
                )

    # ------------------------------------------------------------------
    # State machine
    # ------------------------------------------------------------------
    def _check_transition(self, action):
        """Validate ``action`` on every record before anything changes."""
        for membership in self:
            try:
                rules.target_state(action, membership.state)
            except rules.IllegalTransition as error:
                raise UserError(
                    self.env._(
                        "%(membership)s is %(state)s: this action is not possible "
                        "(allowed: %(allowed)s).",
                        membership=membership.display_name,
                        state=dict(STATE_SELECTION)[error.state],
                        allowed=", ".join(rules.allowed_actions(error.state)) or self.env._("none"),
                    )
                ) from error

    def _check_action_rights(self, action):
        group = MANAGER_GROUP if action in MANAGER_ACTIONS else OFFICER_GROUP
        if not self.env.su and not self.env.user.has_group(group):
            group_name = (
                self.env._("co-op managers")
                if group == MANAGER_GROUP
                else self.env._("co-op officers")
            )
            raise AccessError(
                self.env._("Only %(group)s may do this on a membership.", group=group_name)
            )

    def _apply_transition(self, action, reason=None, date=None):
        """Move every record through ``action``; all-or-nothing. Without
        ``date``, the decision takes effect today in each co-op's time zone."""
        if not self:
            return True
        if action in rules.REASON_REQUIRED and not (reason or "").strip():
            raise UserError(self.env._("Give a reason for this decision."))
        self._check_transition(action)
        if date:
            self._apply_transition_on(action, reason, date)
        else:
            for company in self.company_id:
                self.filtered(lambda m, c=company: m.company_id == c)._apply_transition_on(
                    action, reason, company._coop_today()
                )
        if action in DECISION_MAIL_TEMPLATES:
            self.sudo().activity_unlink(["coop_base.mail_activity_type_membership_review"])
            # the emails are rendered by a cron job right after this
            # transaction: a batch approval of thousands of applications
            # neither waits on rendering them nor risks the request timeout
            self.env.ref("coop_base.ir_cron_queue_decision_mails").sudo()._trigger()
        return True

    def _apply_transition_on(self, action, reason, date):
        """Write a checked transition taking effect on ``date``."""
        target = rules.TRANSITIONS[action][1]
        vals = {"state": target, "state_reason": reason or False, "decided_by_id": self.env.uid}
        if action in DECISION_MAIL_TEMPLATES:
            vals["pending_decision_mail"] = action
        if action in rules.ENDING_ACTIONS:
            vals["end_date"] = date
        if action == "approve":
            self._assign_member_numbers()
            vals["admission_date"] = date
        if action == "suspend":
            self.env["coop.membership.suspension"].sudo()._coop_workflow().create(
                [
                    {"membership_id": membership.id, "date_start": date, "reason": reason}
                    for membership in self
                ]
            )
        if action in ("reinstate", "withdraw", "expel", "mark_deceased"):
            self.suspension_ids.filtered(
                lambda suspension: not suspension.date_end
            ).sudo()._coop_workflow().date_end = date
        self.sudo()._coop_workflow().write(vals)

    def _assign_member_numbers(self):
        """Give numbers, in one sequence round trip per co-op, to the
        memberships that have none (a number given by hand is kept)."""
        for company in self.company_id:
            unnumbered = self.filtered(
                lambda m, c=company: m.company_id == c and not m.member_number
            )
            if not unnumbered:
                continue
            sequence = company._coop_get_membership_sequence().sudo()
            numbers = self._next_sequence_numbers(sequence, len(unnumbered))
            self._check_unique_keys(
                [
                    (m.partner_id.id, company.id, number)
                    for m, number in zip(unnumbered, numbers, strict=True)
                ],
                exclude_ids=unnumbered.ids,
            )
            # checked above for the whole batch: no search per record, so the
            # numbers are flushed in one UPDATE
            numbering = unnumbered.sudo()._coop_workflow()
            for membership, number in zip(numbering, numbers, strict=True):
                membership.member_number = number

    def _next_sequence_numbers(self, sequence, count):
        """``count`` consecutive formatted numbers from ``sequence``."""
        if sequence.implementation == "standard":
            self.env.cr.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                (f"ir_sequence_{sequence.id:03d}", count),
            )
            return [sequence.get_next_char(value) for (value,) in self.env.cr.fetchall()]
        return [sequence.next_by_id() for _index in range(count)]

    @api.model
    def _cron_queue_decision_mails(self, batch_size=1000):
        """Queue (not send) the decision email of the memberships decided
        since the last run, a batch at a time."""
        domain = [("pending_decision_mail", "!=", False)]
        pending = self.search(domain, limit=batch_size)
        for decision, template_xmlid in DECISION_MAIL_TEMPLATES.items():
            decided = pending.filtered(lambda m, d=decision: m.pending_decision_mail == d)
            if decided:
                decided.message_mail_with_source(self.env.ref(template_xmlid), force_send=False)
        pending._coop_workflow().pending_decision_mail = False
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(pending), remaining=remaining)
        return pending

    # ------------------------------------------------------------------
    # Public actions (buttons): check groups, then the transition
    # ------------------------------------------------------------------
    def _run_action(self, action, reason=None, date=None):
        self._check_action_rights(action)
        return self._apply_transition(action, reason=reason, date=date)

    def _open_decision_wizard(self, action):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decision"),
            "res_model": "coop.membership.decision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_membership_ids": self.ids, "default_action": action},
        }

    def action_approve(self):
        return self._run_action("approve")

    def action_reject(self, reason=None):
        if reason is None:
            self._check_action_rights("reject")
            return self._open_decision_wizard("reject")
        return self._run_action("reject", reason)

    def action_suspend(self, reason=None, date=None):
        if reason is None:
            self._check_action_rights("suspend")
            return self._open_decision_wizard("suspend")
        return self._run_action("suspend", reason, date)

    def action_reinstate(self, reason=None, date=None):
        return self._run_action("reinstate", reason, date)

    def action_withdraw(self, reason=None, date=None):
        if reason is None:
            self._check_action_rights("withdraw")
            return self._open_decision_wizard("withdraw")
        return self._run_action("withdraw", reason, date)

    def action_expel(self, reason=None, date=None):
        if reason is None:
            self._check_action_rights("expel")
            return self._open_decision_wizard("expel")
        return self._run_action("expel", reason, date)

    def action_mark_deceased(self, reason=None, date=None):
        if reason is None:
            self._check_action_rights("mark_deceased")
            return self._open_decision_wizard("mark_deceased")
        return self._run_action("mark_deceased", reason, date)

    # ------------------------------------------------------------------
    # Contract for the other co-op addons: no group check, same rules
    # ------------------------------------------------------------------
    def _coop_admit(self, reason):
        """Applicant -> member, e.g. when paid-up shares reach the minimum."""
        return self._apply_transition("approve", reason=reason)

    def _coop_withdraw(self, reason):
        """Member/suspended -> withdrawn, e.g. when redeemed shares fall
        below the minimum."""
        return self._apply_transition("withdraw", reason=reason)

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
        """The membership of ``partner`` (or its commercial entity) in
        ``company``, or an empty recordset."""
        partners = partner | partner.commercial_partner_id
        return self.search(
            [("partner_id", "in", partners.ids), ("company_id", "=", company.id)], limit=1
        )

    # ------------------------------------------------------------------
    # Applications
    # ------------------------------------------------------------------
    def _schedule_review_activities(self):
        """A review to-do for each officer of the co-op, per application."""
        officers = self.env.ref(OFFICER_GROUP).sudo().users.filtered(lambda user: not user.share)
        activity_type = self.env.ref("coop_base.mail_activity_type_membership_review")
        values = []
        for membership in self:
            for officer in officers.filtered(lambda u, c=membership.company_id: c in u.company_ids):
                values.append(
                    {
                        "res_model_id": self.env["ir.model"]._get_id(self._name),
                        "res_id": membership.id,
                        "activity_type_id": activity_type.id,
                        "user_id": officer.id,
                        "date_deadline": membership.company_id._coop_today(),
                        "automated": True,
                    }
                )
        # no assignment email per application: the to-dos show in the
        # officers' activity menu
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            values
        )
