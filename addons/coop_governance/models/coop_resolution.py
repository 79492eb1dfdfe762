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
    _inherit = ["coop.protected.mixin"]
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
    user_in_good_standing = fields.Boolean(
        compute="_compute_user_in_good_standing",
        search="_search_user_in_good_standing",
        help="The current user is a member in good standing of the co-op of this resolution "
        "(the portal's record rule).",
    )

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

    @api.model
    def _user_good_standing_companies(self):
        """Co-ops of which the current user is a member in good standing
        today (as coop_base decides)."""
        partner = self.env.user.partner_id
        Membership = self.env["coop.membership"].sudo()
        memberships = Membership.search(
            [("partner_id", "in", (partner | partner.commercial_partner_id).ids)]
        )
        return memberships.company_id.filtered(
            lambda company: Membership.search_count(
                Membership._good_standing_domain(company) + [("id", "in", memberships.ids)],
                limit=1,
            )
        )

    def _compute_user_in_good_standing(self):
        companies = self._user_good_standing_companies()
        for resolution in self:
            resolution.user_in_good_standing = resolution.company_id in companies

    def _search_user_in_good_standing(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search this field with = True or = False."))
        inside = (operator == "=") == value
        return [
            ("company_id", "in" if inside else "not in", self._user_good_standing_companies().ids)
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
