/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

function rgb(element) {
    return getComputedStyle(element).backgroundColor.match(/\d+/g).map(Number);
}

// The meetings open on their cards, each with its quorum gauge.
registry.category("web_tour.tours").add("coop_governance_meeting_cards", {
    steps: () => [
        {
            content: "A meeting short of its quorum shows an amber gauge",
            trigger:
                ".o_coop_meeting_kanban .o_kanban_record:contains('Quorum Short Board') .o_coop_quorum_short .o_progress > div",
            run() {
                const [red, green, blue] = rgb(this.anchor);
                if (!(red > blue && green > blue)) {
                    throw new Error(`The short gauge is not amber: ${[red, green, blue]}`);
                }
            },
        },
        {
            content: "A meeting with its quorum shows a green gauge, full",
            trigger:
                ".o_coop_meeting_kanban .o_kanban_record:contains('Quorum Met Assembly') .o_coop_quorum_reached .o_progress > div",
            run() {
                const [red, green, blue] = rgb(this.anchor);
                if (!(green > red && green > blue)) {
                    throw new Error(`The reached gauge is not green: ${[red, green, blue]}`);
                }
            },
        },
    ],
});

// The secretary finds a member among the register and checks them in.
registry.category("web_tour.tours").add("coop_governance_attendance_desk", {
    steps: () => [
        {
            content: "The register",
            trigger: ".o_list_view .o_data_row:contains('Fisher 3')",
        },
        {
            isActive: ["mobile"],
            trigger: ".o_control_panel button:has(.fa-search)",
            run: "click",
        },
        {
            trigger: ".o_searchview_input",
            run: "edit Fisher 5",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Only the member searched for is left",
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Fisher 3'))) .o_data_row:contains('Fisher 5')",
        },
        {
            trigger: ".o_data_row:contains('Fisher 5') button[name='action_check_in']",
            run: "click",
        },
        {
            content: "Checked in: present, and the button turns to check out",
            trigger:
                ".o_data_row:contains('Fisher 5'):has(button[name='action_check_out']) .o_field_badge:contains('Present')",
        },
    ],
});
