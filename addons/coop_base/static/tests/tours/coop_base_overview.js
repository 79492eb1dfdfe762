/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The Cooperative app opens on its overview; its figures lead to the records.
registry.category("web_tour.tours").add("coop_base_overview", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Cooperative app",
            trigger: ".o_app[data-menu-xmlid='coop_base.menu_coop_root']",
            run: "click",
        },
        {
            content: "The overview shows the co-op's members",
            trigger: ".o_coop_overview_members:contains('in good standing')",
        },
        {
            content: "Open the applications waiting for a decision",
            trigger: "button.o_coop_overview_applications",
            run: "click",
        },
        {
            content: "The applications list opens",
            trigger: ".o_list_view .o_data_row",
        },
    ],
});
