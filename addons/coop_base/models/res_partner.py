from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_membership_ids = fields.One2many(
        "coop.membership", "partner_id", string="Co-op Memberships"
    )
    coop_membership_count = fields.Integer(
        compute="_compute_coop_membership_count", string="Memberships"
    )

    def _compute_coop_membership_count(self):
        counts = dict(
            self.env["coop.membership"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.coop_membership_count = counts.get(partner, 0)

    def action_view_coop_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coop_base.coop_membership_action")
        action.update(
            {
                "name": self.env._("Memberships of %s", self.display_name),
                "domain": [("partner_id", "=", self.id)],
                "context": {"default_partner_id": self.id},
            }
        )
        return action
