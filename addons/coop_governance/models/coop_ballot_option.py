# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CoopBallotOption(models.Model):
    _name = "coop.ballot.option"
    _description = "Ballot Option"
    _inherit = ["coop.protected.mixin"]
    _order = "ballot_id, sequence, id"
    _check_company_auto = True

    ballot_id = fields.Many2one("coop.ballot", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="ballot_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    description = fields.Text()
    membership_id = fields.Many2one(
        "coop.membership",
        string="Candidate",
        check_company=True,
        help="The member standing, for elections.",
    )

    def _coop_frozen_fields(self):
        frozen = super()._coop_frozen_fields()
        if self.ballot_id.state != "draft":
            # the electorate votes for these options as they were when it opened
            frozen |= set(self._fields)
        return frozen

    def write(self, vals):
        if "ballot_id" in vals and not self._coop_in_workflow():
            self._check_ballot_draft(self.env["coop.ballot"].browse(vals["ballot_id"]))
        return super().write(vals)

    def _check_ballot_draft(self, ballots):
        if ballots.filtered(lambda b: b.state != "draft"):
            raise UserError(_("The options of a ballot are fixed once it opens."))

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        self._check_ballot_draft(self.ballot_id)
