from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_academy_seat_policy = fields.Selection(
        [("warn", "Warn"), ("refuse", "Refuse")],
        string="Seat for an Overdue Member",
        default="warn",
        required=True,
        help="A seat given to a member with overdue or expired training: "
        "Warn notes it on the body, Refuse stops the appointment.",
    )
    coop_academy_remind_days = fields.Integer(
        string="Training Reminder (days before)",
        default=14,
        help="How many days before a training deadline the member is reminded.",
    )
