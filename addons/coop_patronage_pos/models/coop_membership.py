# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# The point of sale's default nomenclature reads barcodes starting with 042 as
# customers: a member card scanned at the till selects the member.
MEMBER_BARCODE_PREFIX = "042"


class CoopMembership(models.Model):
    _inherit = "coop.membership"

    def _apply_transition(self, action, reason=None, date=None):
        result = super()._apply_transition(action, reason=reason, date=date)
        self.filtered(lambda m: m.state == "member")._coop_assign_member_barcode()
        self._coop_apply_member_pricelist()
        return result

    def _coop_apply_member_pricelist(self, previous=None):
        """Members in good standing get their co-op's member pricelist; whoever
        leaves good standing goes back to the default one. A pricelist chosen by
        hand for the partner (neither this one, ``previous`` nor the default) is kept."""
        for membership in self:
            company = membership.company_id
            member_pricelist = company.coop_member_pricelist_id
            partner = membership.partner_id.commercial_partner_id.sudo().with_company(company)
            chosen = partner.specific_property_product_pricelist
            # the company's default pricelist for customers was not chosen by hand
            field = partner._fields["specific_property_product_pricelist"]
            replaceable = member_pricelist | field.get_company_dependent_fallback(partner)
            if chosen and chosen not in replaceable | (previous or chosen.browse()):
                continue
            partner.specific_property_product_pricelist = (
                member_pricelist if membership.state == "member" else False
            )

    def _coop_assign_member_barcode(self):
        """Give each member's contact a card barcode in its co-op, unless it has one."""
        for membership in self:
            partner = membership.partner_id.sudo().with_company(membership.company_id)
            if not partner.barcode:
                partner.barcode = f"{MEMBER_BARCODE_PREFIX}{membership.id:010d}"

    def action_print_member_card(self):
        self._coop_assign_member_barcode()
        return self.env.ref("coop_patronage_pos.action_report_coop_member_card").report_action(self)
