/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// The receipt page's Copy button (hidden without JavaScript, where Download
// remains): the code goes to the clipboard, nowhere else.
import publicWidget from "@web/legacy/js/public/public_widget";
import {_t} from "@web/core/l10n/translation";

publicWidget.registry.CoopReceiptCopy = publicWidget.Widget.extend({
    selector: ".o_coop_receipt_box",
    events: {"click .o_coop_copy_receipt": "_onCopy"},

    start() {
        this.el.querySelector(".o_coop_copy_receipt").classList.remove("d-none");
        return this._super(...arguments);
    },

    async _onCopy(ev) {
        const button = ev.currentTarget;
        const code = this.el.querySelector(".o_coop_receipt").textContent.trim();
        try {
            await navigator.clipboard.writeText(code);
            button.textContent = _t("Copied");
        } catch {
            // no clipboard (an insecure page, a refusal): select it for the member to copy
            window.getSelection().selectAllChildren(this.el.querySelector(".o_coop_receipt"));
            button.textContent = _t("Selected: copy it now");
        }
    },
});
