# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SEAT_ROLES = [
    ("chair", "Chair"),
    ("vice_chair", "Vice-Chair"),
    ("secretary", "Secretary"),
    ("treasurer", "Treasurer"),
    ("director", "Director"),
    ("member", "Member"),
]


class CoopBodySeat(models.Model):
    _name = "coop.body.seat"
    _description = "Seat on a Governing Body"
    _order = "body_id, date_start desc, id"
    _check_company_auto = True

    body_id = fields.Many2one(
        "coop.body", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="body_id.company_id", store=True, index=True)
    membership_id = fields.Many2one(
        "coop.membership", required=True, ondelete="restrict", index=True, check_company=True
    )
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True)
    role = fields.Selection(SEAT_ROLES, required=True, default="director")
    date_start = fields.Date(required=True, default=lambda self: self.env.company._coop_today())
    date_end = fields.Date(help="End of the term; empty while the term runs without a fixed end.")
    elected_by_ballot_id = fields.Many2one("coop.ballot", string="Elected by", ondelete="set null")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for seat in self:
            if seat.date_end and seat.date_end < seat.date_start:
                raise ValidationError(_("A term cannot end before it starts."))

    @api.depends("membership_id", "role", "body_id")
    def _compute_display_name(self):
        roles = dict(self._fields["role"].selection)
        for seat in self:
            name, role = seat.membership_id.partner_id.name, roles.get(seat.role)
            seat.display_name = f"{name} ({role}, {seat.body_id.name})"

    def _is_current(self, date):
        self.ensure_one()
        return self.date_start <= date and (not self.date_end or self.date_end >= date)
