from odoo import api, models
from odoo.exceptions import UserError


class CoopBodySeat(models.Model):
    _inherit = "coop.body.seat"

    @api.model_create_multi
    def create(self, vals_list):
        seats = super().create(vals_list)
        seats._coop_academy_check_behind()
        for seat in seats:
            seat.membership_id._coop_academy_enrol(
                "seat", seat.date_start, body=seat.body_id, seats=seat
            )
        return seats

    def _coop_academy_check_behind(self):
        """A seat for a member behind on training: refused or noted on the
        body, as the co-op decided."""
        for seat in self:
            behind = seat.membership_id._coop_academy_behind()
            if not behind:
                continue
            courses = ", ".join(behind.channel_id.mapped("name"))
            if seat.company_id.coop_academy_seat_policy == "refuse":
                raise UserError(
                    self.env._(
                        "%(member)s cannot take a seat on %(body)s: their training is "
                        "overdue or expired (%(courses)s).",
                        member=seat.partner_id.display_name,
                        body=seat.body_id.name,
                        courses=courses,
                    )
                )
            seat.body_id.message_post(
                body=self.env._(
                    "%(member)s took a seat while their training is overdue or expired "
                    "(%(courses)s).",
                    member=seat.partner_id.display_name,
                    courses=courses,
                )
            )
