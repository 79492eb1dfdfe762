/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("coop_governance_portal_home", {
    url: "/my",
    steps: () => [
        {
            content: "The counters are loaded: the spinner is gone",
            trigger: ".o_portal_my_home:not(:has(.o_portal_doc_spinner))",
        },
        {
            content: "The Governance card shows the member's meetings and ballots",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/governance'] [data-placeholder_count='governance_count']:contains(2)",
        },
        {
            content: "Every card got its count, and every card with something to show is shown",
            trigger: ".o_portal_my_home",
            run() {
                for (const counter of document.querySelectorAll("[data-placeholder_count]")) {
                    const name = counter.dataset.placeholder_count;
                    const text = counter.textContent.trim();
                    if (!/^\d+$/.test(text)) {
                        throw new Error(`The counter ${name} did not load`);
                    }
                    const card = counter.closest(".o_portal_index_card");
                    if (text !== "0" && card.classList.contains("d-none")) {
                        throw new Error(`The card of ${name} stays hidden`);
                    }
                }
            },
        },
    ],
});
