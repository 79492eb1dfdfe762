# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CoopGoodStandingMixin(models.AbstractModel):
    """Records of a co-op's register that its members in good standing read
    in the portal (resolutions, motions): the field the portal's record
    rules filter on."""

    _name = "coop.good.standing.mixin"
    _description = "Co-op Record Read by Members in Good Standing"

    user_in_good_standing = fields.Boolean(
        compute="_compute_user_in_good_standing",
        search="_search_user_in_good_standing",
        help="The current user is a member in good standing of the co-op of this record "
        "(the portal's record rule).",
    )

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
        for record in self:
            record.user_in_good_standing = record.company_id in companies

    def _search_user_in_good_standing(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search this field with = True or = False."))
        inside = (operator == "=") == value
        return [
            ("company_id", "in" if inside else "not in", self._user_good_standing_companies().ids)
        ]
