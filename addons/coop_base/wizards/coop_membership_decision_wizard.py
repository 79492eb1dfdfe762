from odoo import fields, models

DECISIONS = [
    ("reject", "Reject the application"),
    ("suspend", "Suspend"),
    ("withdraw", "Withdraw"),
    ("expel", "Expel"),
    ("mark_deceased", "Mark as deceased"),
]


class CoopMembershipDecisionWizard(models.TransientModel):
    """Asks for the reason (and effective date) of a decision on memberships."""

    _name = "coop.membership.decision.wizard"
    _description = "Membership Decision"

    membership_ids = fields.Many2many("coop.membership", string="Memberships", required=True)
    action = fields.Selection(DECISIONS, string="Decision", required=True, readonly=True)
    reason = fields.Text(required=True)
    date = fields.Date(string="Effective Date", required=True, default=fields.Date.context_today)

    def action_confirm(self):
        self.ensure_one()
        method = getattr(self.membership_ids, f"action_{self.action}")
        if self.action == "reject":
            method(self.reason)
        else:
            method(self.reason, self.date)
        return {"type": "ir.actions.act_window_close"}
