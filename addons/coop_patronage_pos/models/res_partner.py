# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_member_standing = fields.Char(
        string="Member Standing",
        compute="_compute_coop_member_standing",
        help="What the cashier sees beside the customer: the membership of the till's co-op.",
    )

    coop_member_number = fields.Char(
        string="Member Number",
        compute="_compute_coop_member_standing",
        search="_search_coop_member_number",
        help="The member number in the till's co-op: the cashier finds a member by it.",
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
            partner.coop_member_number = membership.member_number if membership else False
            if not membership:
                partner.coop_member_standing = False
            elif membership.state == "member":
                partner.coop_member_standing = self.env._(
                    "Member %(number)s · in good standing", number=membership.member_number
                )
            else:
                partner.coop_member_standing = self.env._(
                    "Member %(number)s · suspended", number=membership.member_number
                )

    def _search_coop_member_number(self, operator, value):
        """Members of the current co-op whose number matches (the till's server
        lookup of members it has not loaded)."""
        if operator not in ("=", "ilike", "=ilike") or not isinstance(value, str):
            raise UserError(self.env._("Search a member number with '=', 'ilike' or '=ilike'."))
        memberships = (
            self.env["coop.membership"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.env.company.id),
                    ("member_number", operator, value),
                    ("state", "in", ("member", "suspended")),
                ]
            )
        )
        return [("commercial_partner_id", "in", memberships.partner_id.ids)]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [
            *super()._load_pos_data_fields(config_id),
            "coop_member_standing",
            "coop_member_number",
        ]
