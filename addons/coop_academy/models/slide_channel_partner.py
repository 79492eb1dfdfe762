from odoo import fields, models


class SlideChannelPartner(models.Model):
    _name = "slide.channel.partner"
    _inherit = ["slide.channel.partner", "coop.protected.mixin"]
    # a completion satisfies training requirements: only the course's own
    # completion sets it
    _coop_workflow_fields = ("coop_completed_date",)

    coop_completed_date = fields.Date(
        string="Completed On",
        readonly=True,
        copy=False,
        help="The day the course (with its certification) was last completed.",
    )

    def _post_completion_update_hook(self, completed=True):
        super()._post_completion_update_hook(completed=completed)
        if not completed:
            return
        # the attendance is the learner's; dates and requirements are the co-op's
        today = fields.Date.context_today(self)
        self.sudo()._coop_workflow().coop_completed_date = today
        self.env["coop.academy.assignment"].sudo()._coop_record_completions(self)
