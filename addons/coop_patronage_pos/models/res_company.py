# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_member_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Member Pricelist",
        check_company=True,
        help="The pricelist of members in good standing: the till applies it when the cashier "
        "selects a member (if the point of sale offers it), as sales orders do.",
    )

    def write(self, vals):
        previous = {company: company.coop_member_pricelist_id for company in self}
        result = super().write(vals)
        if "coop_member_pricelist_id" in vals:
            Membership = self.env["coop.membership"].sudo()
            for company in self:
                Membership.search(
                    [("company_id", "=", company.id), ("state", "in", ("member", "suspended"))]
                )._coop_apply_member_pricelist(previous[company])
        return result
