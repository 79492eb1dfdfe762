/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// "Cast my vote" on the confirmation page: the vote goes to the server in the
// background and the receipt replaces the confirmation in place (no whole page
// to build while a whole membership votes at once). Whatever goes wrong, the
// form is sent the ordinary way and the server's page says why; the database
// still records at most one vote per member.
import publicWidget from "@web/legacy/js/public/public_widget";
import {rpc} from "@web/core/network/rpc";

publicWidget.registry.CoopCastVote = publicWidget.Widget.extend({
    selector: "form.o_coop_cast_form",
    events: {submit: "_onSubmit"},

    async _onSubmit(ev) {
        ev.preventDefault();
        const form = this.el;
        const button = form.querySelector(".o_coop_cast");
        if (button.disabled) {
            return;
        }
        button.disabled = true;
        let result = null;
        try {
            result = await rpc(form.dataset.jsonAction, {
                voter_id: form.querySelector("input[name='voter_id']").value,
                content: form.querySelector("input[name='content']").value,
            });
        } catch {
            result = null;
        }
        if (!result || !result.receipt_html) {
            HTMLFormElement.prototype.submit.call(form);
            return;
        }
        const card = form.closest(".o_coop_confirm");
        const holder = document.createElement("div");
        holder.innerHTML = result.receipt_html;
        const section = holder.firstElementChild;
        card.replaceWith(section);
        const box = section.querySelector(".o_coop_receipt_box");
        await new publicWidget.registry.CoopReceiptCopy(this).attachTo(box);
    },
});
