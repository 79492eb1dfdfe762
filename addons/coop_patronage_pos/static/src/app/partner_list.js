/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {PartnerList} from "@point_of_sale/app/screens/partner_list/partner_list";
import {patch} from "@web/core/utils/patch";

// "Search more" asks the server for members by number as well: the till has
// not loaded every member of a large co-op.
patch(PartnerList.prototype, {
    async getNewPartners() {
        const partners = await super.getNewPartners(...arguments);
        if (!this.state.query || this.state.currentOffset) {
            return partners;
        }
        const members = await this.pos.data.searchRead("res.partner", [
            ["coop_member_number", "=ilike", this.state.query.trim()],
        ]);
        return [...new Set([...partners, ...members])];
    },
});
