/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// "Open" and "Close and count" say what will happen and wait for a yes.
registry.category("web_tour.tours").add("coop_governance_ballot_confirmations", {
    steps: () => [
        {
            trigger: ".o_form_view button[name='action_open']",
            run: "click",
        },
        {
            content: "Opening explains itself",
            trigger: ".modal-body:contains('roll of members in good standing is drawn now')",
        },
        {
            content: "Think again: cancel",
            trigger: ".modal-footer .btn-secondary",
            run: "click",
        },
        {
            content: "Nothing happened",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Draft')",
        },
        {
            trigger: ".o_form_view button[name='action_open']",
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The ballot is open",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Open')",
        },
        {
            trigger: ".o_form_view button[name='action_close']",
            run: "click",
        },
        {
            content: "Closing explains itself",
            trigger: ".modal-body:contains('Voting stops now for everyone')",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Members have not all voted: closing early asks why",
            trigger: ".modal div[name='reason'] textarea",
            run: "edit Every member present has voted; the assembly closed the poll.",
        },
        {
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "and asks once more",
            trigger: ".modal:last .modal-body:contains('Voting stops now for every member who has not voted')",
        },
        {
            trigger: ".modal:last .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Voting has stopped",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:not(:contains('Open')):not(:contains('Draft'))",
        },
    ],
});
