# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

BODY_KINDS = [
    ("general_assembly", "General Assembly"),
    ("board", "Board"),
    ("committee", "Committee"),
]


class CoopBody(models.Model):
    _name = "coop.body"
    _description = "Co-op Governing Body"
    _inherit = ["mail.thread"]
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    kind = fields.Selection(BODY_KINDS, required=True, default="board", tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    seat_count = fields.Integer(
        string="Seats",
        tracking=True,
        help="Number of seats of the body (0 for the general assembly).",
    )
    term_months = fields.Integer(string="Term (months)", default=36)
    seat_ids = fields.One2many("coop.body.seat", "body_id", string="Seat Holders")
    current_seat_ids = fields.One2many(
        "coop.body.seat", compute="_compute_current_seat_ids", string="Current Seat Holders"
    )
    meeting_ids = fields.One2many("coop.meeting", "body_id", string="Meetings")
    description = fields.Html()

    @api.depends("seat_ids.date_start", "seat_ids.date_end", "company_id.coop_tz")
    def _compute_current_seat_ids(self):
        for body in self:
            today = body.company_id._coop_today()
            body.current_seat_ids = body.seat_ids.filtered(lambda s, d=today: s._is_current(d))

    def _eligible_memberships(self, date):
        """Members entitled to sit and vote in this body on date."""
        self.ensure_one()
        in_good_standing = (
            self.env["coop.membership"].sudo()._get_members_in_good_standing(self.company_id, date)
        )
        if self.kind == "general_assembly":
            return in_good_standing
        seated = self.seat_ids.filtered(lambda s: s._is_current(date)).membership_id
        return seated & in_good_standing
