/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The test hands the receipt it expects to both tours as a cookie.
const RECEIPT_COOKIE = "coop_tour_receipt";

function receiptFromCookie() {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith(`${RECEIPT_COOKIE}=`));
    return cookie.split("=")[1];
}

registry.category("web_tour.tours").add("coop_governance_ranked_vote", {
    url: "/my/governance",
    steps: () => [
        {
            content: "Open the ranked ballot",
            trigger: "a.o_coop_open_ballot:contains('Tour Ranked Ballot')",
            run: "click",
        },
        {
            content: "First preference",
            trigger: "select.o_coop_rank[data-option='Beta']",
            run: "select 1",
        },
        {
            content: "Second preference",
            trigger: "select.o_coop_rank[data-option='Alpha']",
            run: "select 2",
        },
        {
            content: "Review the vote",
            trigger: "button.o_coop_review",
            run: "click",
        },
        {
            content: "The confirmation shows the ranking in order",
            trigger: "ol.o_coop_ranking li:first:contains('Beta')",
        },
        {
            content: "Cast the vote",
            trigger: "button.o_coop_cast",
            run: "click",
        },
        {
            content: "The receipt is shown once",
            trigger: "code.o_coop_receipt",
            run() {
                const shown = document.querySelector("code.o_coop_receipt").textContent.trim();
                if (shown !== receiptFromCookie()) {
                    throw new Error(`Unexpected receipt ${shown}`);
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("coop_governance_verify_receipt", {
    url: "/my/governance",
    steps: () => [
        {
            content: "Open the closed ballot",
            trigger: "a.o_coop_closed_ballot:contains('Tour Ranked Ballot')",
            run: "click",
        },
        {
            content: "The round-by-round table is published",
            trigger: "table.o_coop_rounds",
        },
        {
            content: "Type the receipt",
            trigger: "input[name='receipt']",
            run() {
                document.querySelector("input[name='receipt']").value = receiptFromCookie();
            },
        },
        {
            content: "Check it",
            trigger: "button.o_coop_verify",
            run: "click",
        },
        {
            content: "The receipt is in the published box",
            trigger: ".o_coop_receipt_found",
        },
    ],
});
