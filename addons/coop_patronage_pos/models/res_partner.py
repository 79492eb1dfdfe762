# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_member_standing = fields.Char(
        string="Member Standing",
        compute="_compute_coop_member_standing",
        help="What the cashier sees beside the customer: the membership of the till's co-op.",
    )

    @api.depends_context("company")
    def _compute_coop_member_standing(self):
        Membership = self.env["coop.membership"].sudo()
        company = self.env.company
        memberships = {
            membership.partner_id.id: membership
            for membership in Membership.search(
                [
                    ("company_id", "=", company.id),
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("state", "in", ("member", "suspended")),
                ]
            )
        }
        for partner in self:
            membership = memberships.get(partner.commercial_partner_id.id)
            partner.coop_member_standing = (
                self.env._(
                    "Member %(number)s, %(state)s",
                    number=membership.member_number or "",
                    state=membership._coop_state_label(membership.state),
                )
                if membership
                else False
            )

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), "coop_member_standing"]
