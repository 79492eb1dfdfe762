# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CoopBallotClose(models.TransientModel):
    """The decision to stop a ballot before its closing time while members
    on the roll have not voted: who decided (the user) and why."""

    _name = "coop.ballot.close"
    _description = "Close a Ballot Early"
    _check_company_auto = True

    ballot_id = fields.Many2one("coop.ballot", required=True, check_company=True)
    company_id = fields.Many2one(related="ballot_id.company_id", store=True)
    date_close = fields.Datetime(related="ballot_id.date_close")
    roll_count = fields.Integer(compute="_compute_turnout")
    voted_count = fields.Integer(compute="_compute_turnout")
    reason = fields.Text(required=True, help="Recorded on the ballot with your name.")

    @api.depends("ballot_id")
    def _compute_turnout(self):
        for wizard in self:
            wizard.roll_count = wizard.ballot_id.roll_count
            wizard.voted_count = wizard.ballot_id.voted_count

    def action_confirm(self):
        self.ensure_one()
        return self.ballot_id._close_early(self.reason)
