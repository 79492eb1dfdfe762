/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {ResPartner} from "@point_of_sale/app/models/res_partner";
import {patch} from "@web/core/utils/patch";

// The cashier finds a loaded member by member number too.
patch(ResPartner.prototype, {
    get searchString() {
        return [super.searchString, this.coop_member_number || ""].join(" ");
    },
});
