# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopShareRequestReasonWizard(models.TransientModel):
    _name = "coop.share.request.reason.wizard"
    _description = "Reject or Cancel Share Requests"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    request_ids = fields.Many2many("coop.share.request", string="Requests", required=True)
    decision = fields.Selection([("reject", "Reject"), ("cancel", "Cancel")], required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.decision == "reject":
            self.request_ids.action_reject(self.reason)
        else:
            self.request_ids.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
