from odoo import api, fields, models
from odoo.exceptions import UserError


class SlideChannel(models.Model):
    _inherit = "slide.channel"

    company_id = fields.Many2one(
        "res.company",
        string="Co-op",
        index=True,
        help="The co-op publishing the course; empty: the network's course, "
        "open to every co-op of the database.",
    )
    coop_members_only = fields.Boolean(
        string="Members Only",
        help="Only current members of the course's co-op (of any co-op for a "
        "network course) may be enrolled.",
    )

    def _action_add_members(self, target_partners, member_status="joined", raise_on_access=False):
        self._coop_check_members_only(target_partners)
        return super()._action_add_members(
            target_partners, member_status=member_status, raise_on_access=raise_on_access
        )

    def _coop_check_members_only(self, partners):
        restricted = self.filtered("coop_members_only")
        if not restricted or not partners:
            return
        # the co-op's staff (a course's responsible, its teachers) are not learners
        partners = partners.filtered(
            lambda p: all(u.share for u in p.sudo().with_context(active_test=False).user_ids)
        )
        if not partners:
            return
        Membership = self.env["coop.membership"].sudo()
        for channel in restricted:
            domain = [("partner_id", "in", partners.ids), ("state", "=", "member")]
            if channel.company_id:
                domain.append(("company_id", "=", channel.company_id.id))
            members = Membership.search(domain).partner_id
            outsiders = partners - members
            if outsiders:
                raise UserError(
                    self.env._(
                        "%(course)s is for members only: %(partners)s is not a current "
                        "member of %(coop)s.",
                        course=channel.name,
                        partners=", ".join(outsiders[:5].mapped("display_name")),
                        coop=channel.company_id.name or self.env._("a co-op of the network"),
                    )
                )

    @api.model
    def _coop_completion_dates(self, partners, channels):
        """{(partner id, channel id): date the course was completed}."""
        attendances = (
            self.env["slide.channel.partner"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("channel_id", "in", channels.ids),
                    ("coop_completed_date", "!=", False),
                ]
            )
        )
        return {(a.partner_id.id, a.channel_id.id): a.coop_completed_date for a in attendances}
