from odoo import fields, models


class CoopMemberClass(models.Model):
    _name = "coop.member.class"
    _description = "Member Class (stakeholder category)"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company",
        string="Co-op",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    membership_count = fields.Integer(compute="_compute_membership_count", string="Memberships")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique (company_id, code)",
            "A member class code is unique within a co-op.",
        ),
    ]

    def _compute_membership_count(self):
        counts = dict(
            self.env["coop.membership"]._read_group(
                [("member_class_id", "in", self.ids)], ["member_class_id"], ["__count"]
            )
        )
        for member_class in self:
            member_class.membership_count = counts.get(member_class, 0)
