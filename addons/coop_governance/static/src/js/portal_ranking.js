/** @odoo-module **/
// Copyright 2026 Co-op Suite Contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// Ranked ballots in the portal: the form works without JavaScript (one rank
// dropdown per option, checked by the server). With it, the member orders the
// options in a list instead: drag with the mouse or a finger, or use the
// keyboard (arrows move the focused option, Enter or Space adds or removes
// it). The list writes the dropdowns' values, so the server receives the same
// form either way.
import publicWidget from "@web/legacy/js/public/public_widget";
import {_t} from "@web/core/l10n/translation";

publicWidget.registry.CoopRankedBallot = publicWidget.Widget.extend({
    selector: "form.o_coop_vote_form[data-ranked]",
    events: {
        submit: "_onSubmit",
        "click .o_coop_rank_add": "_onAdd",
        "click .o_coop_rank_remove": "_onRemove",
        "click .o_coop_rank_up": "_onUp",
        "click .o_coop_rank_down": "_onDown",
        "keydown .o_coop_rank_item": "_onKeydown",
        "pointerdown .o_coop_rank_item": "_onPointerDown",
    },

    start() {
        this.selects = [...this.el.querySelectorAll("select.o_coop_rank")];
        // the member's choices so far (kept after an error), in rank order
        this.ranked = this.selects
            .filter((select) => select.value)
            .sort((a, b) => Number(a.value) - Number(b.value))
            .map((select) => select.dataset.optionKey);
        this.fullRanking = this.el.dataset.fullRanking === "1";
        this.el.querySelector(".o_coop_rank_table").classList.add("d-none");
        this.board = this.el.querySelector(".o_coop_rank_board");
        this.board.classList.remove("d-none");
        this._render();
        return this._super(...arguments);
    },

    _name(key) {
        return this.selects.find((select) => select.dataset.optionKey === key).dataset.option;
    },

    _item(key, position) {
        const item = document.createElement("li");
        item.className = "list-group-item d-flex align-items-center gap-2 o_coop_rank_item";
        item.tabIndex = 0;
        item.dataset.optionKey = key;
        const name = document.createElement("span");
        name.className = "flex-grow-1";
        name.textContent = this._name(key);
        const buttons = [];
        if (position) {
            item.classList.add("o_coop_ranked");
            item.setAttribute("aria-label", `${position}. ${this._name(key)}`);
            const badge = document.createElement("span");
            badge.className = "badge text-bg-primary o_coop_rank_position";
            badge.textContent = position;
            item.append(badge);
            buttons.push(["o_coop_rank_up", "↑", _t("Move up")]);
            buttons.push(["o_coop_rank_down", "↓", _t("Move down")]);
            buttons.push(["o_coop_rank_remove", "✕", _t("Remove from my ranking")]);
        } else {
            buttons.push(["o_coop_rank_add", "+", _t("Add to my ranking")]);
        }
        item.append(name);
        for (const [cls, label, title] of buttons) {
            const button = document.createElement("button");
            button.type = "button";
            button.className = `btn btn-sm btn-outline-secondary ${cls}`;
            button.textContent = label;
            button.title = title;
            button.setAttribute("aria-label", title);
            button.tabIndex = -1;
            item.append(button);
        }
        return item;
    },

    _render(focusKey) {
        const ranked = this.board.querySelector(".o_coop_rank_list");
        const unranked = this.board.querySelector(".o_coop_unranked_list");
        ranked.replaceChildren(...this.ranked.map((key, index) => this._item(key, index + 1)));
        const rest = this.selects
            .map((select) => select.dataset.optionKey)
            .filter((key) => !this.ranked.includes(key));
        unranked.replaceChildren(...rest.map((key) => this._item(key, 0)));
        this.board.querySelector(".o_coop_rank_empty").classList.toggle("d-none", this.ranked.length > 0);
        for (const select of this.selects) {
            const position = this.ranked.indexOf(select.dataset.optionKey);
            select.value = position < 0 ? "" : String(position + 1);
        }
        if (focusKey) {
            this.board.querySelector(`.o_coop_rank_item[data-option-key="${focusKey}"]`)?.focus();
        }
        this._setError("");
    },

    _key(ev) {
        return ev.currentTarget.closest(".o_coop_rank_item").dataset.optionKey;
    },

    _move(key, delta) {
        const from = this.ranked.indexOf(key);
        const to = from + delta;
        if (from < 0 || to < 0 || to >= this.ranked.length) {
            return;
        }
        this.ranked.splice(from, 1);
        this.ranked.splice(to, 0, key);
        this._render(key);
    },

    _toggle(key) {
        if (this.ranked.includes(key)) {
            this.ranked = this.ranked.filter((other) => other !== key);
        } else {
            this.ranked.push(key);
        }
        this._render(key);
    },

    _onAdd(ev) {
        this._toggle(this._key(ev));
    },
    _onRemove(ev) {
        this._toggle(this._key(ev));
    },
    _onUp(ev) {
        this._move(this._key(ev), -1);
    },
    _onDown(ev) {
        this._move(this._key(ev), 1);
    },

    _onKeydown(ev) {
        const key = ev.currentTarget.dataset.optionKey;
        if (ev.key === "ArrowUp" || ev.key === "ArrowDown") {
            ev.preventDefault();
            this._move(key, ev.key === "ArrowUp" ? -1 : 1);
        } else if (ev.key === "Enter" || ev.key === " ") {
            ev.preventDefault();
            this._toggle(key);
        }
    },

    // Pointer events cover the mouse and touch alike.
    _onPointerDown(ev) {
        const item = ev.currentTarget;
        if (ev.target.closest("button") || !item.classList.contains("o_coop_ranked")) {
            return;
        }
        const key = item.dataset.optionKey;
        item.classList.add("o_coop_dragging", "shadow");
        const onMove = (moveEv) => {
            const others = [...this.board.querySelectorAll(".o_coop_ranked")].filter(
                (other) => other !== item
            );
            const before = others.findIndex((other) => {
                const box = other.getBoundingClientRect();
                return moveEv.clientY < box.top + box.height / 2;
            });
            const target = before < 0 ? others.length : before;
            if (target !== this.ranked.indexOf(key)) {
                this.ranked = this.ranked.filter((other) => other !== key);
                this.ranked.splice(target, 0, key);
                const list = item.parentElement;
                list.insertBefore(item, others[target] || null);
            }
        };
        const onUp = () => {
            document.removeEventListener("pointermove", onMove);
            document.removeEventListener("pointerup", onUp);
            this._render(key);
        };
        document.addEventListener("pointermove", onMove);
        document.addEventListener("pointerup", onUp);
    },

    _setError(message) {
        const box = this.el.querySelector(".o_coop_rank_error");
        box.textContent = message;
        box.classList.toggle("d-none", !message);
    },

    _onSubmit(ev) {
        if (!this.ranked.length) {
            ev.preventDefault();
            this._setError(_t("Add at least one option to your ranking."));
        } else if (this.fullRanking && this.ranked.length < this.selects.length) {
            ev.preventDefault();
            this._setError(_t("This ballot asks you to rank every option."));
        }
    },
});
