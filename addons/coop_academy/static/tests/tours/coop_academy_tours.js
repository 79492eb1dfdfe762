/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

// The test names the member and the state the matrix should show in a cookie.
function fromCookie(name) {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith(`${name}=`));
    return decodeURIComponent(cookie.split("=")[1]);
}

// A new member follows the onboarding course from the portal and passes its quiz.
tours.add("coop_academy_onboarding", {
    url: "/my/learning",
    steps: () => [
        {
            content: "The course the co-op asks of new members is due",
            trigger: "tr.o_coop_learning_due a:contains('Onboarding')",
            run: "click",
        },
        {
            content: "Open the first lesson",
            trigger: "a.o_wslides_js_slides_list_slide_link:contains('Onboarding lesson 0')",
            run: "click",
        },
        {
            content: "The player shows the lesson",
            trigger: ".o_wslides_fs_sidebar_list_item.active:contains('Onboarding lesson 0')",
        },
        {
            content: "Next lesson",
            trigger: ".o_wslides_fs_sidebar_header",
            run: "press ArrowRight",
        },
        {
            trigger: ".o_wslides_fs_sidebar_list_item.active:contains('Onboarding lesson 1')",
        },
        {
            content: "Last lesson",
            trigger: ".o_wslides_fs_sidebar_header",
            run: "press ArrowRight",
        },
        {
            trigger: ".o_wslides_fs_sidebar_list_item.active:contains('Onboarding lesson 2')",
        },
        {
            content: "Its quiz",
            trigger: ".o_wslides_fs_sidebar_header",
            run: "press ArrowRight",
        },
        {
            content: "Answer: one vote each",
            trigger: ".o_wslides_js_lesson_quiz_question .list-group a:contains('One each')",
            run: "click",
        },
        {
            trigger: ".o_wslides_js_lesson_quiz_submit",
            run: "click",
        },
        {
            content: "The quiz is passed: its lesson is complete",
            trigger:
                ".o_wslides_fs_sidebar_section_slides li:contains('Onboarding lesson 2') .o_wslides_slide_completed",
        },
    ],
});

// Then "My learning" says the requirement is done.
tours.add("coop_academy_learning_done", {
    url: "/my/learning",
    steps: () => [
        {
            content: "The requirement is done",
            trigger: "tr.o_coop_learning_done:contains('Onboarding') .badge:contains('Done')",
        },
    ],
});

// An officer gives a member a board seat (the test then reads the deadline it created).
tours.add("coop_academy_seat_deadline", {
    steps: () => [
        {
            content: "Add a seat",
            trigger: "div[name='seat_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name='seat_ids'] .o_data_row div[name='membership_id'] input",
            run: `edit ${fromCookie("coop_tour_member")}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item:contains('${fromCookie("coop_tour_member")}')`,
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});

// The matrix, filtered on the state the test expects, shows the member in it.
tours.add("coop_academy_matrix_state", {
    steps: () => [
        {
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Filter on the expected state",
            trigger: `.o_filter_menu .o_menu_item:contains('${fromCookie("coop_tour_state")}')`,
            run: "click",
        },
        {
            trigger: `.o_searchview_facet:contains('${fromCookie("coop_tour_state")}')`,
        },
        {
            content: "The member's line is in that state",
            trigger: `.o_data_row:contains('${fromCookie("coop_tour_member")}'):contains('Board Duties') .badge:contains('${fromCookie("coop_tour_state")}')`,
        },
    ],
});

// A candidate without the certification the bylaws require is refused by the ballot.
tours.add("coop_academy_candidate_refused", {
    steps: () => [
        {
            content: "Put a candidate forward",
            trigger: "div[name='option_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name='option_ids'] .o_data_row div[name='name'] input",
            run: `edit ${fromCookie("coop_tour_member")}`,
        },
        {
            trigger: "div[name='option_ids'] .o_data_row div[name='membership_id'] input",
            run: `edit ${fromCookie("coop_tour_member")}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item:contains('${fromCookie("coop_tour_member")}')`,
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The ballot says why",
            trigger: ".modal-body:contains('cannot stand'):contains('Board Duties')",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Discard the refused candidate",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
