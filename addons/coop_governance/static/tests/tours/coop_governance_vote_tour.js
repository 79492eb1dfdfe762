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

const unranked = (name) => `.o_coop_unranked_list .o_coop_rank_item:contains('${name}')`;
const ranked = (position, name) =>
    `.o_coop_rank_list .o_coop_rank_item:nth-child(${position}):contains('${name}')`;

// Focus an option of the ranking board and press a key, as a keyboard user does.
function pressOn(key) {
    return async function (helpers) {
        this.anchor.focus();
        await helpers.press(key);
    };
}

function openBallot() {
    return {
        content: "Open the ranked ballot",
        trigger: "a.o_coop_open_ballot:contains('Tour Ranked Ballot')",
        run: "click",
    };
}

// Ranking with the keyboard only: Enter adds, the arrows move.
registry.category("web_tour.tours").add("coop_governance_ranked_vote", {
    url: "/my/governance",
    steps: () => [
        openBallot(),
        {
            content: "The dropdowns give way to the ranking board",
            trigger: ".o_coop_rank_board:not(.d-none)",
        },
        {
            content: "Reviewing an empty ranking is stopped in the browser",
            trigger: "button.o_coop_review",
            run: "click",
        },
        {
            content: "with a message",
            trigger: ".o_coop_rank_error:contains('at least one option')",
        },
        {content: "Add Alpha (Enter)", trigger: unranked("Alpha"), run: pressOn("Enter")},
        {content: "Add Beta (Enter)", trigger: unranked("Beta"), run: pressOn("Enter")},
        {content: "Move Beta up (arrow)", trigger: ranked(2, "Beta"), run: pressOn("ArrowUp")},
        {content: "Beta is first", trigger: ranked(1, "Beta")},
        {
            content: "The board wrote the ranks the server receives",
            trigger: "select.o_coop_rank[data-option='Alpha']:not(:visible)",
            run() {
                const rank = (name) =>
                    document.querySelector(`select.o_coop_rank[data-option='${name}']`).value;
                if (rank("Beta") !== "1" || rank("Alpha") !== "2" || rank("Gamma") !== "") {
                    throw new Error("The ranks sent do not follow the board");
                }
            },
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
        {
            content: "It can be downloaded from the page",
            trigger: "a.o_coop_download_receipt[download]",
        },
        {
            content: "and copied",
            trigger: "button.o_coop_copy_receipt:not(.d-none)",
            run: "click",
        },
        {
            content: "The copy button answers",
            trigger: "button.o_coop_copy_receipt:contains('Cop'), button.o_coop_copy_receipt:contains('Selected')",
        },
    ],
});

// Ranking by dragging (mouse or finger: the same pointer events).
registry.category("web_tour.tours").add("coop_governance_ranked_drag", {
    url: "/my/governance",
    steps: () => [
        openBallot(),
        {
            content: "Nothing leaves the screen sideways",
            trigger: ".o_coop_rank_board:not(.d-none)",
            run() {
                const overflow = document.documentElement.scrollWidth - window.innerWidth;
                if (overflow > 1) {
                    throw new Error(`The page is ${overflow}px wider than the screen`);
                }
            },
        },
        {content: "Add Alpha", trigger: `${unranked("Alpha")} .o_coop_rank_add`, run: "click"},
        {content: "Add Beta", trigger: `${unranked("Beta")} .o_coop_rank_add`, run: "click"},
        {content: "Add Gamma", trigger: `${unranked("Gamma")} .o_coop_rank_add`, run: "click"},
        {
            content: "Drag Gamma to the top",
            trigger: ranked(3, "Gamma"),
            run: "drag_and_drop .o_coop_rank_list .o_coop_rank_item:first-child",
        },
        {content: "Gamma is first", trigger: ranked(1, "Gamma")},
        {content: "then Alpha", trigger: ranked(2, "Alpha")},
        {
            content: "Remove Beta",
            trigger: `${ranked(3, "Beta")} .o_coop_rank_remove`,
            run: "click",
        },
        {content: "Beta is no longer ranked", trigger: unranked("Beta")},
        {
            content: "Review the vote",
            trigger: "button.o_coop_review",
            run: "click",
        },
        {
            content: "The confirmation shows the ranking in order",
            trigger: "ol.o_coop_ranking li:first:contains('Gamma') + li:contains('Alpha')",
        },
    ],
});

// The proxy holder is found by name, and the form shows what was recorded.
registry.category("web_tour.tours").add("coop_governance_proxy_by_name", {
    url: "/my/governance",
    steps: () => [
        {
            content: "Open the meeting",
            trigger: "a:contains('Tour Assembly')",
            run: "click",
        },
        {content: "Choose to give a proxy", trigger: "select[name='rsvp']", run: "select proxy"},
        {content: "Type a name", trigger: "input[name='holder_search']", run: "edit fisher 3"},
        {content: "Find", trigger: "button.o_coop_find_holder", run: "click"},
        {
            content: "Choose the member found",
            trigger: ".o_coop_holder_matches label:contains('Fisher 3') input",
            run: "check",
        },
        {content: "Send", trigger: "button.o_coop_rsvp_send", run: "click"},
        {
            content: "The recorded answer is shown",
            trigger: ".o_coop_rsvp_current:contains('proxy held by Fisher 3')",
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
            // as a member may type it back: lower case, spaces for dashes
            run: `edit ${receiptFromCookie().toLowerCase().replaceAll("-", " ")}`,
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
        {
            content: "Recount the published box",
            trigger: "a.o_coop_recount",
            run: "click",
        },
        {
            content: "The recount gives the published result",
            trigger: ".o_coop_recount_result.alert-success",
        },
    ],
});
