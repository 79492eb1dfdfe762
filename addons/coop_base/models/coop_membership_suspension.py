from odoo import fields, models


class CoopMembershipSuspension(models.Model):
    """A period during which a member was suspended.

    Kept so that the register as of a past date leaves out members who
    were suspended then, even after their reinstatement."""

    _name = "coop.membership.suspension"
    _description = "Membership Suspension Period"
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _inherit = ["coop.protected.mixin"]
    # written by the membership's suspend/reinstate decisions only
    _coop_workflow_fields = ("membership_id", "date_start", "date_end", "reason")

    membership_id = fields.Many2one(
        "coop.membership", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="membership_id.company_id", store=True, index=True)
    date_start = fields.Date(string="Suspended From", required=True)
    date_end = fields.Date(string="Reinstated On")
    reason = fields.Text()

    _sql_constraints = [
        (
            "date_order",
            "CHECK (date_end IS NULL OR date_end >= date_start)",
            "A suspension cannot end before it starts.",
        ),
    ]
