# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .coop_motion import MOTION_KINDS


class CoopResolution(models.Model):
    """The resolutions register: numbered per co-op, never edited or deleted."""

    _name = "coop.resolution"
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
    meeting_id = fields.Many2one("coop.meeting", readonly=True, check_company=True)
    motion_id = fields.Many2one("coop.motion", readonly=True, check_company=True)
    ballot_id = fields.Many2one(related="motion_id.ballot_id")
    decision_note = fields.Text(related="motion_id.decision_note")

    _sql_constraints = [
        (
            "number_unique",
            "unique(company_id, number)",
            "Resolution numbers are unique within a co-op.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        numbers = {}
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
            vals["company_id"] = company.id
            numbers[company] = (
                numbers[company] + 1 if company in numbers else self._next_number(company)
            )
            vals["number"] = numbers[company]
            vals["reference"] = f"RES-{vals['number']:04d}"
        return super().create(vals_list)

    def _next_number(self, company):
        # Lock the co-op row so two resolutions adopted at once never share a number.
        self.env.cr.execute("SELECT id FROM res_company WHERE id = %s FOR UPDATE", [company.id])
        self.env.cr.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM coop_resolution WHERE company_id = %s",
            [company.id],
        )
        return self.env.cr.fetchone()[0]

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
