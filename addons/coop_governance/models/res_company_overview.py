# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
from markupsafe import Markup

from odoo import fields, models
from odoo.tools.misc import format_datetime


class ResCompany(models.Model):
    """The governance section of the Cooperative overview (coop_base)."""

    _inherit = "res.company"

    coop_upcoming_meeting_count = fields.Integer(
        string="Upcoming Meetings", compute="_compute_coop_overview_governance"
    )
    coop_open_ballot_count = fields.Integer(
        string="Open Ballots", compute="_compute_coop_overview_governance"
    )
    coop_overview_governance = fields.Html(
        string="Meetings and Ballots", compute="_compute_coop_overview_governance", sanitize=False
    )

    def _compute_coop_overview_governance(self):
        meetings = (
            self.env["coop.meeting"]
            .sudo()
            .search(
                [("company_id", "in", self.ids), ("state", "in", ("convened", "held"))],
                order="date_start",
            )
        )
        ballots = (
            self.env["coop.ballot"]
            .sudo()
            .search([("company_id", "in", self.ids), ("state", "=", "open")], order="date_close")
        )
        for company in self:
            own_meetings = meetings.filtered(lambda m, c=company: m.company_id == c)
            own_ballots = ballots.filtered(lambda b, c=company: b.company_id == c)
            company.coop_upcoming_meeting_count = len(own_meetings)
            company.coop_open_ballot_count = len(own_ballots)
            lines = [
                Markup("<li>%s · %s</li>")
                % (
                    meeting.name,
                    format_datetime(
                        self.env, meeting.date_start, tz=company._coop_tz_name(), dt_format="short"
                    ),
                )
                for meeting in own_meetings[:3]
            ] + [
                Markup("<li>%s: %s</li>")
                % (
                    ballot.name,
                    self.env._(
                        "%(voted)s of %(roll)s voted",
                        voted=ballot.voted_count,
                        roll=ballot.roll_count,
                    ),
                )
                for ballot in own_ballots[:3]
            ]
            company.coop_overview_governance = Markup("").join(lines)

    def action_coop_overview_meetings(self):
        return self._coop_overview_action(
            "coop_governance.coop_meeting_action", [("state", "in", ("convened", "held"))]
        )

    def action_coop_overview_ballots(self):
        return self._coop_overview_action(
            "coop_governance.coop_ballot_action", [("state", "=", "open")]
        )
