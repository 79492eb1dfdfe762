# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_share_request_ids = fields.One2many(
        "coop.share.request", "partner_id", string="Share Requests"
    )
    coop_share_quantity = fields.Integer(compute="_compute_coop_share_quantity", string="Shares")

    def _compute_coop_share_quantity(self):
        holdings = self.env["coop.share.line"]._read_group(
            [("membership_id.partner_id", "in", self.ids)], ["membership_id"], ["quantity:sum"]
        )
        by_partner = {}
        for membership, quantity in holdings:
            by_partner[membership.partner_id.id] = (
                by_partner.get(membership.partner_id.id, 0) + quantity
            )
        for partner in self:
            partner.coop_share_quantity = by_partner.get(partner.id, 0)

    def action_view_coop_shares(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coop_shares.coop_share_line_action")
        action["domain"] = [("membership_id.partner_id", "=", self.id)]
        action["context"] = {"search_default_group_class": 1}
        return action
