from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression

from .. import academy_rules as rules

STATUS_SELECTION = [
    (rules.DUE, "Due"),
    (rules.OVERDUE, "Overdue"),
    (rules.DONE, "Done"),
    (rules.EXPIRED, "Expired"),
]


class CoopAcademyAssignment(models.Model):
    """One line of the training matrix: a member under a requirement."""

    _name = "coop.academy.assignment"
    _description = "Co-op Training Assignment"
    _inherit = ["coop.protected.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_due, id"
    _check_company_auto = True
    # the matrix follows admissions, seats and completions: nobody edits it
    _coop_workflow_fields = (
        "requirement_id",
        "company_id",
        "membership_id",
        "seat_id",
        "date_start",
        "date_due",
        "date_done",
        "date_expiry",
        "status",
        "reminded_status",
    )

    requirement_id = fields.Many2one(
        "coop.academy.requirement",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one("res.company", string="Co-op", required=True, readonly=True)
    membership_id = fields.Many2one(
        "coop.membership",
        string="Member",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="membership_id.partner_id", string="Contact", store=True, index=True
    )
    channel_id = fields.Many2one(related="requirement_id.channel_id", store=True, index=True)
    trigger = fields.Selection(related="requirement_id.trigger")
    seat_id = fields.Many2one("coop.body.seat", readonly=True, ondelete="set null")
    date_start = fields.Date(string="From", required=True, readonly=True)
    date_due = fields.Date(string="Deadline", required=True, readonly=True, index=True)
    date_done = fields.Date(string="Completed", readonly=True)
    date_expiry = fields.Date(string="Valid Until", readonly=True, index=True)
    status = fields.Selection(
        STATUS_SELECTION, required=True, default=rules.DUE, readonly=True, index=True, tracking=True
    )
    reminded_status = fields.Selection(
        STATUS_SELECTION, readonly=True, help="The status of which the member was last reminded."
    )
    completion = fields.Integer(compute="_compute_completion", string="Progress (%)")

    _sql_constraints = [
        (
            "membership_requirement_uniq",
            "unique (membership_id, requirement_id)",
            "A member is under a requirement once.",
        ),
    ]

    def _compute_completion(self):
        attendances = (
            self.env["slide.channel.partner"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("channel_id", "in", self.channel_id.ids),
                ]
            )
        )
        progress = {(a.partner_id.id, a.channel_id.id): a.completion for a in attendances}
        for assignment in self:
            key = (assignment.partner_id.id, assignment.channel_id.id)
            assignment.completion = progress.get(key, 0)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.model
    def _coop_assign(self, requirement, memberships, date_start, seats=None):
        """Put ``memberships`` under ``requirement`` from ``date_start`` and
        enrol them in its course; a member already under it keeps their line.
        Earlier completions of the course count."""
        existing = self.sudo().search(
            [("requirement_id", "=", requirement.id), ("membership_id", "in", memberships.ids)]
        )
        new_members = memberships - existing.membership_id
        if not new_members:
            return self.browse()
        seat_of = {seat.membership_id.id: seat.id for seat in seats or ()}
        date_due = rules.due_date(date_start, requirement.days_due)
        assignments = (
            self.sudo()
            ._coop_workflow()
            .create(
                [
                    {
                        "requirement_id": requirement.id,
                        "company_id": requirement.company_id.id,
                        "membership_id": membership.id,
                        "seat_id": seat_of.get(membership.id, False),
                        "date_start": date_start,
                        "date_due": date_due,
                    }
                    for membership in new_members
                ]
            )
        )
        channel = requirement.channel_id.sudo()
        channel._action_add_members(new_members.partner_id)
        completed = channel._coop_completion_dates(new_members.partner_id, channel)
        assignments._coop_apply_completions(completed)
        return assignments

    @api.model
    def _coop_record_completions(self, attendances):
        """Completed course attendances satisfy their members' requirements."""
        completed = {
            (a.partner_id.id, a.channel_id.id): a.coop_completed_date
            for a in attendances
            if a.coop_completed_date
        }
        assignments = self.sudo().search(
            [
                ("partner_id", "in", attendances.partner_id.ids),
                ("channel_id", "in", attendances.channel_id.ids),
            ]
        )
        assignments._coop_apply_completions(completed)

    def _coop_apply_completions(self, completed):
        """Record ``completed`` {(partner id, channel id): date} on these lines,
        each with its requirement's validity, then their status."""
        for assignment in self:
            done = completed.get((assignment.partner_id.id, assignment.channel_id.id))
            if done and done != assignment.date_done:
                assignment._coop_workflow().write(
                    {
                        "date_done": done,
                        "date_expiry": rules.expiry_date(
                            done, assignment.requirement_id.validity_months
                        ),
                    }
                )
        self._coop_refresh_status()

    def _coop_refresh_status(self):
        """Each line's status on its co-op's today, written in one UPDATE per
        status."""
        by_status = defaultdict(lambda: self.browse())
        today_of = {company: company._coop_today() for company in self.company_id}
        for assignment in self:
            new = rules.status(
                today_of[assignment.company_id],
                assignment.date_due,
                assignment.date_done,
                assignment.date_expiry,
            )
            if new != assignment.status:
                by_status[new] |= assignment
        for status, assignments in by_status.items():
            assignments.sudo()._coop_workflow().write({"status": status, "reminded_status": False})
        by_status[rules.EXPIRED]._coop_reopen_courses()

    def _coop_reopen_courses(self):
        """An expired completion is renewed by taking the course again: its
        lessons become not done for the member (eLearning keeps a completed
        course completed otherwise)."""
        if not self:
            return
        pairs = {(a.partner_id.id, a.channel_id.id) for a in self}
        lessons = (
            self.env["slide.slide.partner"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("channel_id", "in", self.channel_id.ids),
                    ("completed", "=", True),
                ]
            )
            .filtered(lambda sp: (sp.partner_id.id, sp.channel_id.id) in pairs)
        )
        attendances = (
            self.env["slide.channel.partner"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("channel_id", "in", self.channel_id.ids),
                    ("member_status", "=", "completed"),
                ]
            )
            .filtered(lambda cp: (cp.partner_id.id, cp.channel_id.id) in pairs)
        )
        attendances.member_status = "ongoing"
        lessons.completed = False
        attendances._recompute_completion()

    # ------------------------------------------------------------------
    # Daily cron: statuses that time changes, reminders
    # ------------------------------------------------------------------
    @api.model
    def _cron_refresh_and_remind(self, batch_size=1000):
        """Move lines whose deadline or validity passed, then remind a batch
        of members (mail) and responsible officers (activity); the cron runs
        again at once while reminders remain."""
        for company in self.env["res.company"].search([]):
            today = company._coop_today()
            # the domains decide the new status (rules.status): one UPDATE each
            lapsed = {
                rules.OVERDUE: [("status", "=", rules.DUE), ("date_due", "<", today)],
                rules.EXPIRED: [("status", "=", rules.DONE), ("date_expiry", "<", today)],
            }
            for status, domain in lapsed.items():
                lines = self.search([("company_id", "=", company.id), *domain])
                lines._coop_workflow().write({"status": status, "reminded_status": False})
                if status == rules.EXPIRED:
                    lines._coop_reopen_courses()
        pending = self.search(self._coop_reminder_domain(), limit=batch_size)
        pending._coop_send_reminders()
        remaining = self.search_count(self._coop_reminder_domain())
        self.env["ir.cron"]._notify_progress(done=len(pending), remaining=remaining)
        return pending

    @api.model
    def _coop_reminder_domain(self):
        """Lines whose member was not yet told of their current status: due
        within the co-op's reminder days, overdue or expired."""
        due_soon = [
            [
                ("company_id", "=", company.id),
                ("status", "=", rules.DUE),
                (
                    "date_due",
                    "<=",
                    company._coop_today() + timedelta(days=company.coop_academy_remind_days),
                ),
            ]
            for company in self.env["res.company"].search([])
        ]
        late = [[("status", "in", (rules.OVERDUE, rules.EXPIRED))]]
        return expression.AND([[("reminded_status", "=", False)], expression.OR(late + due_soon)])

    def _coop_send_reminders(self):
        """One mail per line to the member, queued; one follow-up activity per
        requirement for its responsible while members are overdue or expired
        (the matrix's filters list them), not one per member."""
        if not self:
            return
        template = self.env.ref("coop_academy.mail_template_training_reminder")
        self.message_mail_with_source(template, force_send=False)
        late = self.filtered(lambda a: a.status != rules.DUE)
        late.requirement_id._coop_schedule_follow_up()
        for status, assignments in self.grouped("status").items():
            assignments._coop_workflow().write({"reminded_status": status})
