# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .coop_motion import MOTION_KINDS


class CoopResolution(models.Model):
    """The resolutions register: numbered per co-op, never edited or deleted.

    Entries are made only by the decision of a motion (``action_decide``).
    """

    _name = "coop.resolution"
    _inherit = ["coop.protected.mixin", "coop.good.standing.mixin"]
    _description = "Resolution"
    _order = "company_id, number desc"
    _check_company_auto = True
    _rec_name = "reference"

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    number = fields.Integer(required=True, readonly=True, copy=False)
    reference = fields.Char(required=True, readonly=True, copy=False)
    name = fields.Char(string="Title", required=True, readonly=True)
    text = fields.Html(readonly=True)
    kind = fields.Selection(MOTION_KINDS, readonly=True)
    date = fields.Date(required=True, readonly=True)
    meeting_id = fields.Many2one(
        "coop.meeting", readonly=True, check_company=True, ondelete="restrict"
    )
    motion_id = fields.Many2one(
        "coop.motion", readonly=True, check_company=True, ondelete="restrict"
    )
    ballot_id = fields.Many2one(related="motion_id.ballot_id")
    decision_note = fields.Text(related="motion_id.decision_note")

    _coop_workflow_fields = (
        "company_id",
        "number",
        "reference",
        "name",
        "text",
        "kind",
        "date",
        "meeting_id",
        "motion_id",
    )

    _sql_constraints = [
        (
            "number_unique",
            "unique(company_id, number)",
            "Resolution numbers are unique within a co-op.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        if not self._coop_in_workflow():
            raise AccessError(
                self.env._(
                    "A resolution enters the register only when a motion is adopted: "
                    "decide the motion."
                )
            )
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
            vals["company_id"] = company.id
            vals["number"] = company._coop_next_resolution_number()
            vals["reference"] = f"RES-{vals['number']:04d}"
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        if vals:
            raise UserError(
                _("The resolutions register is never edited: adopt a new resolution instead.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _("The resolutions register is never edited: adopt a new resolution instead.")
        )
