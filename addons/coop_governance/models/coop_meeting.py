# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta
from urllib.parse import urlparse

import vobject
from dateutil.tz import tzutc

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_datetime

from .. import meeting_rules, tally

MEETING_TYPES = [
    ("agm", "Annual General Meeting"),
    ("egm", "Extraordinary General Meeting"),
    ("board", "Board Meeting"),
    ("committee", "Committee Meeting"),
]
# Meetings whose notice went out: they, their agenda and their register are
# records of the co-op, cancelled but never deleted.
REGISTER_STATES = ("convened", "held", "closed")


class CoopMeeting(models.Model):
    _name = "coop.meeting"
    _description = "Co-op Meeting"
    _inherit = [
        "coop.protected.mixin",
        "coop.good.standing.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    body_id = fields.Many2one("coop.body", required=True, tracking=True, check_company=True)
    meeting_type = fields.Selection(MEETING_TYPES, required=True, default="agm", tracking=True)
    date_start = fields.Datetime(string="Starts", required=True, tracking=True)
    duration = fields.Float(default=2.0, help="Expected duration in hours.")
    date_end = fields.Datetime(string="Ends", compute="_compute_date_end", store=True)
    location = fields.Char(tracking=True)
    online_url = fields.Char(string="Online Link", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("convened", "Convened"),
            ("held", "In Session"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    agenda_item_ids = fields.One2many(
        "coop.meeting.agenda.item", "meeting_id", string="Agenda", copy=True
    )
    attendance_ids = fields.One2many(
        "coop.meeting.attendance", "meeting_id", string="Attendance Register"
    )
    motion_ids = fields.One2many("coop.motion", "meeting_id", string="Motions")
    ballot_ids = fields.One2many("coop.ballot", "meeting_id", string="Ballots")
    resolution_ids = fields.One2many("coop.resolution", "meeting_id", string="Resolutions")
    notice_period_days = fields.Integer(related="company_id.coop_notice_period_days")
    notice_deadline = fields.Date(
        compute="_compute_notice_deadline", help="Last day on which the notice may be sent."
    )
    urgency_reason = fields.Text(
        tracking=True,
        help="Recorded by the board to convene with shorter notice than the bylaws require.",
    )
    notice_date = fields.Datetime(string="Notice Sent", readonly=True, copy=False, tracking=True)
    convened_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    # members read the minutes as the printed document of a closed meeting,
    # never the secretary's draft of a meeting in session
    minutes = fields.Html(copy=False, groups="coop_governance.group_coop_teller")
    minutes_approved_in_id = fields.Many2one(
        "coop.meeting",
        string="Minutes Approved At",
        copy=False,
        tracking=True,
        check_company=True,
        help="The later meeting at which these minutes were approved.",
    )
    eligible_count = fields.Integer(compute="_compute_quorum", string="Eligible")
    present_count = fields.Integer(compute="_compute_quorum", string="Present")
    represented_count = fields.Integer(compute="_compute_quorum", string="Represented by Proxy")
    quorum_required = fields.Integer(compute="_compute_quorum")
    quorum_reached = fields.Boolean(compute="_compute_quorum")
    quorum_progress = fields.Integer(
        compute="_compute_quorum",
        string="Quorum Progress (%)",
        help="Members present or represented, as a share of the quorum (100 once reached).",
    )

    # set by the convening, opening, closing and cancelling of the meeting;
    # the quorum is counted from the attendance register, never written
    _coop_workflow_fields = (
        "state",
        "notice_date",
        "convened_by_id",
        "eligible_count",
        "present_count",
        "represented_count",
        "quorum_required",
        "quorum_reached",
    )

    @api.depends("date_start", "duration")
    def _compute_date_end(self):
        for meeting in self:
            meeting.date_end = meeting.date_start and meeting.date_start + timedelta(
                hours=meeting.duration or 0
            )

    @api.depends("date_start", "company_id.coop_notice_period_days", "company_id.coop_tz")
    def _compute_notice_deadline(self):
        for meeting in self:
            meeting.notice_deadline = meeting.date_start and (
                meeting._coop_day() - timedelta(days=meeting.company_id.coop_notice_period_days)
            )

    def _coop_day(self):
        """The day of the meeting on the co-op's calendar (not the UTC date)."""
        self.ensure_one()
        return self.company_id._coop_date_of(self.date_start)

    def _coop_format(self, value):
        """A datetime as the co-op's members read it: in its time zone."""
        return format_datetime(self.env, value, tz=self.company_id._coop_tz_name())

    @api.depends("attendance_ids.state", "attendance_ids.proxy_holder_id", "company_id")
    def _compute_quorum(self):
        # Counted in SQL: a general meeting's register may hold 100,000 lines.
        self.env["coop.meeting.attendance"].flush_model(["meeting_id", "state", "proxy_holder_id"])
        counts = {}
        if self.ids:
            self.env.cr.execute(
                """SELECT a.meeting_id, count(*),
                          count(*) FILTER (WHERE a.state = 'present'),
                          count(*) FILTER (WHERE a.state = 'proxy' AND holder.state = 'present')
                     FROM coop_meeting_attendance a
                LEFT JOIN coop_meeting_attendance holder
                       ON holder.meeting_id = a.meeting_id
                      AND holder.membership_id = a.proxy_holder_id
                    WHERE a.meeting_id = ANY(%s)
                 GROUP BY a.meeting_id""",
                [self.ids],
            )
            counts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for meeting in self:
            eligible, present, represented = counts.get(meeting.id, (0, 0, 0))
            company = meeting.company_id
            status = tally.quorum_status(
                company.coop_quorum_type or "percent",
                company.coop_quorum_value,
                eligible,
                present,
                represented,
                company.coop_proxy_allowed,
            )
            meeting.eligible_count = eligible
            meeting.present_count = present
            meeting.represented_count = represented
            meeting.quorum_required = status["required"]
            meeting.quorum_reached = bool(eligible) and status["reached"]
            meeting.quorum_progress = tally.quorum_progress(status["counted"], status["required"])

    @api.constrains("body_id", "meeting_type")
    def _check_body_kind(self):
        for meeting in self:
            general = meeting.meeting_type in ("agm", "egm")
            if general != (meeting.body_id.kind == "general_assembly"):
                raise ValidationError(
                    _("General meetings are meetings of the general assembly, and only they are.")
                )

    @api.constrains("online_url")
    def _check_online_url(self):
        for meeting in self.filtered("online_url"):
            if not meeting_rules.is_web_link(meeting.online_url):
                raise ValidationError(
                    self.env._(
                        "The online link must be a web address starting with https:// "
                        "or http://, not %(link)s.",
                        link=meeting.online_url,
                    )
                )

    @api.constrains("minutes_approved_in_id")
    def _check_minutes_approval(self):
        for meeting in self.filtered("minutes_approved_in_id"):
            later = meeting.minutes_approved_in_id
            if later == meeting or later.date_start <= meeting.date_start:
                raise ValidationError(_("Minutes are approved at a later meeting."))
            if later.state not in ("held", "closed"):
                raise ValidationError(_("Minutes are approved by a meeting in session or held."))
            if meeting.state != "closed" or not meeting.minutes:
                raise ValidationError(_("Only the minutes of a closed meeting can be approved."))

    def _portal_url(self):
        return f"/my/governance/meeting/{self.id}"

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for meeting in self:
            meeting.access_url = meeting._portal_url()

    def _coop_frozen_fields(self):
        frozen = super()._coop_frozen_fields()
        if self.state != "draft":
            # the notice went out for this body, date and reason: to change
            # them, cancel the meeting and convene a new one
            frozen |= {"date_start", "body_id", "company_id", "meeting_type", "urgency_reason"}
        if self.minutes_approved_in_id:
            frozen |= {"minutes", "minutes_approved_in_id"}
        return frozen

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for meeting in self:
            if meeting.state in REGISTER_STATES or meeting.ballot_ids:
                raise UserError(
                    self.env._(
                        "%(meeting)s was convened or has ballots: it stays in the register. "
                        "Cancel it instead.",
                        meeting=meeting.name,
                    )
                )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_notice(self, now):
        """Bylaws: notice at least ``coop_notice_period_days`` before the meeting."""
        self.ensure_one()
        if self.date_start <= now:
            raise UserError(_("A meeting is convened before it takes place."))
        days_of_notice = meeting_rules.days_of_notice(
            self.company_id._coop_date_of(now), self._coop_day()
        )
        if (
            days_of_notice < self.company_id.coop_notice_period_days
            and not (self.urgency_reason or "").strip()
        ):
            raise UserError(
                _(
                    "The bylaws require %(required)s days of notice; "
                    "only %(given)s remain before the meeting. "
                    "Record the board's urgency reason to convene it anyway.",
                    required=self.company_id.coop_notice_period_days,
                    given=days_of_notice,
                )
            )

    def action_convene(self):
        self._check_officer()
        now = fields.Datetime.now()
        for meeting in self:
            if meeting.state != "draft":
                raise UserError(_("Only a draft meeting can be convened."))
            if not meeting.agenda_item_ids:
                raise UserError(_("Add the agenda before convening the meeting."))
            meeting._check_notice(now)
            eligible = meeting.body_id._eligible_memberships(meeting._coop_day())
            if not eligible:
                raise UserError(_("Nobody is eligible to attend this meeting."))
            existing = meeting.attendance_ids.membership_id
            # the notices are rendered by a cron in batches, after this
            # request: a general assembly may have 100,000 members
            self.env["coop.meeting.attendance"]._coop_workflow().create(
                [
                    {"meeting_id": meeting.id, "membership_id": m.id, "notice_pending": True}
                    for m in eligible - existing
                ]
            )
            meeting._coop_workflow().write(
                {"state": "convened", "notice_date": now, "convened_by_id": self.env.uid}
            )
            if meeting.urgency_reason:
                meeting.message_post(
                    body=_("Convened with short notice. Urgency reason: %s", meeting.urgency_reason)
                )
        self.env.ref("coop_governance.ir_cron_meeting_notices").sudo()._trigger()
        return True

    def action_start(self):
        self._check_officer()
        if self.filtered(lambda m: m.state != "convened"):
            raise UserError(_("Only a convened meeting can be opened."))
        now = fields.Datetime.now()
        for meeting in self:
            margin = meeting.company_id.coop_meeting_opening_margin
            if not meeting_rules.can_open(now, meeting.date_start, margin):
                raise UserError(
                    self.env._(
                        "%(meeting)s is convened for %(start)s: it can be opened "
                        "from %(earliest)s, not before.",
                        meeting=meeting.name,
                        start=meeting._coop_format(meeting.date_start),
                        earliest=meeting._coop_format(
                            meeting_rules.earliest_opening(meeting.date_start, margin)
                        ),
                    )
                )
        self._coop_workflow().write({"state": "held"})
        return True

    def action_close(self):
        self._check_officer()
        if self.filtered(lambda m: m.state != "held"):
            raise UserError(_("Only a meeting in session can be closed."))
        # a ballot still drawing its roll or being counted is not over either
        open_ballots = self.ballot_ids.filtered(
            lambda b: b.state in ("opening", "open", "counting")
        )
        if open_ballots:
            raise UserError(
                _("Close the meeting's ballots first: %s", ", ".join(open_ballots.mapped("name")))
            )
        self.attendance_ids.filtered(lambda a: a.state == "invited")._coop_workflow().write(
            {"state": "absent"}
        )
        self._coop_workflow().write({"state": "closed"})
        return True

    def action_cancel(self):
        self._check_officer()
        if self.filtered(
            lambda m: m.state not in ("draft", "convened")
        ) or self.ballot_ids.filtered(lambda b: b.state != "draft"):
            raise UserError(_("A meeting that was held or has opened ballots cannot be cancelled."))
        self.attendance_ids.filtered("notice_pending")._coop_workflow().notice_pending = False
        self._coop_workflow().write({"state": "cancelled"})
        return True

    def _ics(self):
        """The meeting as an iCalendar (RFC 5545) event, times in UTC."""
        self.ensure_one()
        calendar = vobject.iCalendar()
        calendar.add("prodid").value = "-//Co-op Suite//Governance//EN"
        event = calendar.add("vevent")
        base_url = self.get_base_url()
        event.add("uid").value = f"coop-meeting-{self.id}@{urlparse(base_url).hostname}"
        # vobject writes UTC times with a Z for dateutil's UTC only
        event.add("dtstamp").value = datetime.now(tzutc())
        event.add("dtstart").value = self.date_start.replace(tzinfo=tzutc())
        event.add("dtend").value = (self.date_end or self.date_start).replace(tzinfo=tzutc())
        event.add("summary").value = self.name
        if self.location:
            event.add("location").value = self.location
        event.add("url").value = f"{base_url}/my/governance/meeting/{self.id}"
        if self.online_url:
            event.add("description").value = self.online_url
        return calendar.serialize()

    def _member_documents(self):
        """Documents of the agenda that members may read: those of the items
        shared with members, and of this co-op only."""
        self.ensure_one()
        return self.agenda_item_ids.filtered("share_with_members").attachment_ids.filtered(
            lambda document: document.company_id in (self.company_id, self.env["res.company"])
        )

    def action_open_attendance(self):
        """The attendance register on its own screen: searchable, with check-in
        buttons, for an assembly of hundreds."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_governance.coop_meeting_attendance_action"
        )
        action["domain"] = [("meeting_id", "=", self.id)]
        action["display_name"] = self.env._("Attendance: %(meeting)s", meeting=self.name)
        return action

    def action_print_minutes(self):
        return self.env.ref("coop_governance.action_report_meeting_minutes").report_action(self)

    def _check_officer(self):
        if not self.env.user.has_group("coop_base.group_coop_officer") and not self.env.su:
            raise UserError(_("Only co-op officers and secretaries run meetings."))
