from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.coop_governance.models.coop_body import BODY_KINDS

TRIGGERS = [
    ("admission", "On Admission"),
    ("seat", "On Taking a Seat"),
    ("candidacy", "Before Standing for Election"),
]


class CoopAcademyRequirement(models.Model):
    _name = "coop.academy.requirement"
    _description = "Co-op Training Requirement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Co-op",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    channel_id = fields.Many2one(
        "slide.channel",
        string="Course",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="A course of this co-op or of the network; a course with a "
        "certification is completed when its certification is passed.",
    )
    trigger = fields.Selection(TRIGGERS, required=True, default="admission", tracking=True)
    body_kind = fields.Selection(
        BODY_KINDS,
        string="Body",
        tracking=True,
        help="For seats and candidacies: the kind of body; empty for any body.",
    )
    days_due = fields.Integer(
        string="Days to Complete",
        default=60,
        tracking=True,
        help="Days from admission or from the start of the seat.",
    )
    validity_months = fields.Integer(
        string="Valid (months)",
        tracking=True,
        help="How long a completion counts before it must be renewed; 0: for good.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="The officer given the follow-up activities of overdue members.",
    )
    assignment_ids = fields.One2many("coop.academy.assignment", "requirement_id")

    @api.constrains("days_due", "validity_months")
    def _check_numbers(self):
        for requirement in self:
            if requirement.days_due < 0 or requirement.validity_months < 0:
                raise ValidationError(
                    self.env._(
                        "%(requirement)s: days to complete and validity cannot be negative.",
                        requirement=requirement.name,
                    )
                )

    @api.constrains("channel_id", "company_id")
    def _check_channel_company(self):
        for requirement in self:
            channel = requirement.channel_id.sudo()
            if channel.company_id and channel.company_id != requirement.company_id:
                raise ValidationError(
                    self.env._(
                        "%(course)s is a course of %(other)s: a requirement of %(coop)s can "
                        "only use its own courses or the network's.",
                        course=channel.name,
                        other=channel.company_id.name,
                        coop=requirement.company_id.name,
                    )
                )

    def _matches_body(self, body):
        self.ensure_one()
        return not self.body_kind or self.body_kind == body.kind

    def action_assign_current_members(self):
        """Put the co-op's current members under an admission requirement
        (the ones admitted before it existed), from today."""
        if not self.env.su and not self.env.user.has_group("coop_base.group_coop_manager"):
            raise AccessError(self.env._("Only co-op managers may assign a requirement."))
        for requirement in self.filtered(lambda r: r.trigger == "admission"):
            members = self.env["coop.membership"].search(
                [("company_id", "=", requirement.company_id.id), ("state", "=", "member")]
            )
            self.env["coop.academy.assignment"]._coop_assign(
                requirement, members, requirement.company_id._coop_today()
            )
        return True

    def _coop_schedule_follow_up(self):
        """A follow-up activity for the responsible of each requirement with
        members behind, unless one is still open."""
        activity_type = self.env.ref("coop_academy.mail_activity_type_training_follow_up")
        for requirement in self.filtered("user_id"):
            if requirement.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
                continue
            requirement.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=requirement.user_id.id,
                date_deadline=requirement.company_id._coop_today(),
                note=self.env._(
                    "Members are overdue or their completion expired: see the training "
                    "matrix, filters Overdue and Expired."
                ),
            )
