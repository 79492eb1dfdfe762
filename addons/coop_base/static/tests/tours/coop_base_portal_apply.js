/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_base_portal_apply", {
    url: "/my/coop",
    steps: () => [
        {
            content: "The user has no membership yet",
            trigger: ".o_coop_no_membership",
        },
        {
            content: "Choose the co-op",
            trigger: "select#coop_apply_company",
            run: "selectByLabel Tour Co-op",
        },
        {
            content: "Choose a member class",
            trigger: "select#coop_apply_class",
            run: "selectByLabel Tour Consumer",
        },
        {
            content: "Say why",
            trigger: "textarea#coop_apply_note",
            run: "edit I buy my vegetables here every week.",
        },
        {
            content: "Accept the bylaws",
            trigger: "input#coop_apply_accept",
            run: "check",
        },
        {
            content: "Apply",
            trigger: "button.o_coop_apply_submit",
            run: "click",
        },
        {
            content: "The application is received",
            trigger: ".o_coop_applied",
        },
        {
            content: "The membership card shows the pending application",
            trigger: ".o_coop_membership_card:has(.o_coop_card_company:contains(Tour Co-op)) .o_coop_card_state:contains(Applicant)",
        },
    ],
});
