/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import {registry} from "@web/core/registry";
import {scan_barcode} from "@point_of_sale/../tests/tours/utils/common";

// The test names the member card's barcode and the member in a cookie.
function fromCookie(name) {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith(`${name}=`));
    return decodeURIComponent(cookie.split("=")[1]);
}

// A member scans their card at the till, buys, pays cash.
registry.category("web_tour.tours").add("coop_patronage_pos_member_sale", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            scan_barcode(fromCookie("coop_tour_barcode")),
            ProductScreen.customerIsSelected(fromCookie("coop_tour_member")),
            {
                content: "The till shows the member's number and standing",
                trigger: `.set-partner .o_coop_member_standing:contains('${fromCookie(
                    "coop_tour_number"
                )}')`,
            },
            ProductScreen.clickDisplayedProduct("Co-op Bread"),
            ProductScreen.clickDisplayedProduct("Co-op Bread"),
            // two loaves at the member pricelist's price
            ProductScreen.totalAmountIs("6.00"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Cash"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            Chrome.endTour(),
        ].flat(),
});

// A member the till has not loaded is found on the server by member number.
registry.category("web_tour.tours").add("coop_patronage_pos_member_search", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickPartnerButton(),
            {
                content: "Search the member number",
                trigger: ".modal-header .input-group input",
                run: `edit ${fromCookie("coop_tour_number")}`,
            },
            {
                content: "Search more: ask the server",
                trigger: ".search-more-button > button",
                run: "click",
            },
            ProductScreen.clickCustomer(fromCookie("coop_tour_member")),
            ProductScreen.customerIsSelected(fromCookie("coop_tour_member")),
            Chrome.endTour(),
        ].flat(),
});
