from odoo import api, fields, models

DECISIONS = [
    ("approve", "Admit although the admission rule is not met"),
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
    warning = fields.Text(readonly=True, help="What the co-op's admission rule still asks.")
    date = fields.Date(
        string="Effective Date",
        compute="_compute_date",
        store=True,
        readonly=False,
        required=True,
    )

    @api.depends("membership_ids")
    def _compute_date(self):
        # today in the co-op of the memberships decided on
        for wizard in self:
            company = wizard.membership_ids.company_id[:1] or self.env.company
            wizard.date = wizard.date or company._coop_today()

    def action_confirm(self):
        self.ensure_one()
        method = getattr(self.membership_ids, f"action_{self.action}")
        if self.action in ("approve", "reject"):
            method(self.reason)
        else:
            method(self.reason, self.date)
        return {"type": "ir.actions.act_window_close"}
