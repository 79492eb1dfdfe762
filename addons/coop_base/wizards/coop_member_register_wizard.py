from odoo import fields, models


class CoopMemberRegisterWizard(models.TransientModel):
    """Prints the register of the members in good standing on a date."""

    _name = "coop.member.register.wizard"
    _description = "Member Register"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", string="Co-op", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(
        string="As of", required=True, default=lambda self: self.env.company._coop_today()
    )

    def action_print(self):
        self.ensure_one()
        return self.env.ref("coop_base.action_report_member_register").report_action(self)

    def _get_register_lines(self):
        """Members in good standing on the date, with their class counts."""
        self.ensure_one()
        memberships = self.env["coop.membership"]._get_members_in_good_standing(
            self.company_id, self.date
        )
        # one read for all rows rather than one per member when rendering
        memberships.fetch(["member_number", "partner_id", "member_class_id", "admission_date"])
        memberships.partner_id.fetch(["name"])
        memberships.member_class_id.fetch(["name", "sequence"])
        counts = {}
        for membership in memberships:
            counts[membership.member_class_id] = counts.get(membership.member_class_id, 0) + 1
        class_counts = sorted(
            counts.items(), key=lambda item: (item[0].sequence, item[0].name or "")
        )
        return memberships, class_counts
