# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .coop_meeting import REGISTER_STATES

ATTENDANCE_STATES = [
    ("invited", "Invited"),
    ("present", "Present"),
    ("proxy", "Represented by Proxy"),
    ("apologies", "Apologies"),
    ("absent", "Absent"),
]


class CoopMeetingAttendance(models.Model):
    _name = "coop.meeting.attendance"
    _inherit = ["coop.protected.mixin"]
    _description = "Meeting Attendance"
    _order = "meeting_id, membership_id"
    _check_company_auto = True

    meeting_id = fields.Many2one("coop.meeting", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    membership_id = fields.Many2one(
        "coop.membership", required=True, ondelete="restrict", index=True, check_company=True
    )
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True)
    state = fields.Selection(ATTENDANCE_STATES, default="invited", required=True)
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting Status")
    rsvp = fields.Selection([("yes", "Attending"), ("no", "Not Attending")], string="RSVP")
    proxy_holder_id = fields.Many2one(
        "coop.membership",
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    notice_pending = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="The notice of the meeting is still to be rendered and queued for this member.",
    )

    # the register is drawn from the members entitled to attend when the
    # meeting is convened: nobody adds a line to it or moves one
    _coop_workflow_fields = ("meeting_id", "membership_id", "notice_pending")

    _sql_constraints = [
        (
            "meeting_member_unique",
            "unique(meeting_id, membership_id)",
            "A member is on a meeting's register once.",
        ),
        (
            "proxy_not_self",
            "check(proxy_holder_id IS NULL OR proxy_holder_id != membership_id)",
            "A member cannot hold their own proxy.",
        ),
    ]

    @api.depends("membership_id", "state")
    def _compute_display_name(self):
        states = dict(ATTENDANCE_STATES)
        for attendance in self:
            attendance.display_name = (
                f"{attendance.membership_id.partner_id.name}: {states[attendance.state]}"
            )

    def _coop_frozen_fields(self):
        frozen = super()._coop_frozen_fields()
        if self.meeting_id.state not in ("draft", "convened"):
            # once the session opens, only the secretary's check-in moves
            # a member (the quorum is counted from these lines)
            frozen |= {"state", "rsvp", "proxy_holder_id"}
        return frozen

    @api.ondelete(at_uninstall=False)
    def _unlink_only_before_convening(self):
        # the register is drawn by the convening and counts the quorum: also
        # the x2many delete commands of the meeting end here
        if self.filtered(lambda a: a.meeting_id.state in REGISTER_STATES):
            raise UserError(
                self.env._(
                    "The attendance register of a convened meeting is never edited: "
                    "record the member as absent or with apologies instead."
                )
            )

    def write(self, vals):
        if vals.get("state") in ("present", "absent") and not self._coop_in_workflow():
            raise AccessError(
                self.env._(
                    "Presence is recorded by the secretary's check-in once the session is open."
                )
            )
        # Check before writing, so that a refused proxy leaves nothing behind.
        if vals.get("state", "proxy") != "proxy" and "proxy_holder_id" not in vals:
            vals = dict(vals, proxy_holder_id=False)
        if {"state", "proxy_holder_id"} & set(vals):
            Membership = self.env["coop.membership"]
            for attendance in self:
                state = vals.get("state", attendance.state)
                holder = (
                    Membership.browse(vals["proxy_holder_id"])
                    if "proxy_holder_id" in vals
                    else attendance.proxy_holder_id
                )
                attendance._check_proxy_values(state, holder)
        return super().write(vals)

    @api.constrains("state", "proxy_holder_id")
    def _check_proxy(self):
        for attendance in self:
            attendance._check_proxy_values(attendance.state, attendance.proxy_holder_id)

    def _check_proxy_values(self, state, holder):
        if state != "proxy":
            if holder:
                raise ValidationError(_("Only a member represented by proxy has a proxy holder."))
            return
        self._check_proxy_rules(holder)

    def _check_proxy_rules(self, holder):
        """Bylaws: proxies allowed, not to oneself, no chains, at most N per holder."""
        company = self.company_id
        if not company.coop_proxy_allowed:
            raise ValidationError(_("The bylaws of %s do not allow proxies.", company.name))
        if not holder:
            raise ValidationError(_("Name the member who holds the proxy."))
        if holder == self.membership_id:
            raise ValidationError(_("A member cannot hold their own proxy."))
        # Searches, not the whole register: a general meeting may have 100,000 lines.
        attendances = self.sudo()
        meeting = [("meeting_id", "=", self.meeting_id.id)]
        holder_line = attendances.search(meeting + [("membership_id", "=", holder.id)], limit=1)
        if not holder_line:
            raise ValidationError(_("The proxy holder must be entitled to attend the meeting."))
        if holder_line.state == "proxy":
            raise ValidationError(
                _("%s has given their own proxy: proxies cannot be chained.", holder.display_name)
            )
        if attendances.search_count(meeting + [("proxy_holder_id", "=", self.membership_id.id)]):
            raise ValidationError(
                _("A member who holds proxies cannot give their own proxy: no chains.")
            )
        held = (
            attendances.search(
                meeting + [("proxy_holder_id", "=", holder.id), ("state", "=", "proxy")]
            )
            | self
        )
        if len(held) > company.coop_max_proxies_per_member:
            raise ValidationError(
                _(
                    "%(holder)s would hold %(count)s proxies; the bylaws allow %(max)s.",
                    holder=holder.display_name,
                    count=len(held),
                    max=company.coop_max_proxies_per_member,
                )
            )

    # ------------------------------------------------------------------
    # The secretary's check-in during the session
    # ------------------------------------------------------------------
    def _check_session(self):
        self.meeting_id._check_officer()
        if self.meeting_id.filtered(lambda m: m.state != "held"):
            raise UserError(
                self.env._("Members are checked in and out while the meeting is in session.")
            )

    def action_check_in(self):
        """The member is in the room: present in person (a proxy they gave
        lapses)."""
        self._check_session()
        self._coop_workflow().write({"state": "present", "proxy_holder_id": False})
        return True

    def action_check_out(self):
        """The member has left the room: no longer counted as present."""
        self._check_session()
        self._coop_workflow().write({"state": "absent", "proxy_holder_id": False})
        return True

    # ------------------------------------------------------------------
    # Notices, rendered after the convening
    # ------------------------------------------------------------------
    @api.model
    def _cron_send_meeting_notices(self, batch_size=500):
        """Render and queue the notices of ``batch_size`` members of the
        meetings convened since the last run; the cron runner calls again at
        once while notices remain."""
        domain = [("notice_pending", "=", True)]
        pending = self.search(domain, order="id", limit=batch_size)
        if pending:
            self.env.ref("coop_governance.mail_template_meeting_notice").send_mail_batch(
                pending.ids
            )
            pending._coop_workflow().notice_pending = False
        self.env["ir.cron"]._notify_progress(done=len(pending), remaining=self.search_count(domain))
        return pending
