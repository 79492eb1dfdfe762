# One model split by concern into files on purpose (as OCA contract).
# pylint: disable=consider-merging-classes-inherited
"""Applications to a co-op: who may apply (again), review to-dos, the
entry point other addons and the portal use."""

from collections import defaultdict

from odoo import api, models
from odoo.exceptions import ValidationError

from .. import membership_rules as rules
from .coop_membership import MANAGER_GROUP, OFFICER_GROUP


class CoopMembership(models.Model):
    _inherit = "coop.membership"

    @api.model
    def _coop_by_board(self):
        """Whether the current user decides for the board (a co-op manager);
        the portal, which creates through sudo, does not."""
        return self.env.user.has_group(MANAGER_GROUP)

    @api.model
    def _check_may_apply(self, pairs, exclude_ids=()):
        """Refuse, with a readable message and before the table's constraint
        would, applications that ``membership_rules.application_refusal``
        forbids. ``pairs`` are the (partner id, company id) of the rows about
        to be stored as applications."""
        if len(set(pairs)) < len(pairs):
            raise ValidationError(self.env._("The same membership appears twice in one operation."))
        history = self._coop_history(
            {partner_id for partner_id, _company_id in pairs},
            {company_id for _partner_id, company_id in pairs},
            exclude_ids,
        )
        by_board = self._coop_by_board()
        for pair in pairs:
            earlier = history.get(pair)
            message = earlier and self._coop_refusal_message(earlier, by_board)
            if message:
                raise ValidationError(message)

    @api.model
    def _coop_history(self, partner_ids, company_ids, exclude_ids=()):
        """Memberships of these partners in these co-ops, oldest first, by
        (partner id, company id)."""
        history = defaultdict(lambda: self.browse())
        for membership in self.sudo().search(
            [
                ("partner_id", "in", list(partner_ids)),
                ("company_id", "in", list(company_ids)),
                ("id", "not in", list(exclude_ids)),
            ],
            order="id",
        ):
            history[membership.partner_id.id, membership.company_id.id] |= membership
        return history

    @api.model
    def _coop_refusal_message(self, earlier, by_board):
        """Why the partner of the memberships ``earlier`` (one partner in one
        co-op, oldest first) may not apply again, or None."""
        refusal = rules.application_refusal(earlier.mapped("state"), by_board)
        if not refusal:
            return None
        last = earlier[-1]
        if refusal == "current":
            current = earlier.filtered(lambda m: m.state in rules.CURRENT_STATES)[-1]
            return self.env._(
                "%(partner)s already has a membership in %(coop)s (state: %(state)s).",
                partner=current.partner_id.display_name,
                coop=current.company_id.name,
                state=self._coop_state_label(current.state),
            )
        if refusal == "expelled":
            return self.env._(
                "%(partner)s was expelled from %(coop)s: only its board (a co-op manager) can "
                "accept a new application.",
                partner=last.partner_id.display_name,
                coop=last.company_id.name,
            )
        return self.env._(
            "%(partner)s is recorded as deceased in %(coop)s.",
            partner=last.partner_id.display_name,
            coop=last.company_id.name,
        )

    @api.model
    def _coop_apply(self, partner, company, **values):
        """Open the application of ``partner`` to ``company`` and return it:
        the way other addons and the portal make someone an applicant. The
        rules of a form apply (a former member may apply again, see
        ``membership_rules.application_refusal``); ``values`` are the
        application's other fields (member class, note)."""
        membership = self.sudo().create(
            {**values, "partner_id": partner.id, "company_id": company.id}
        )
        return membership.with_env(self.env)

    @api.model
    def _coop_application_refusal(self, partner, company):
        """Why ``partner`` may not apply to ``company`` now (a code of
        ``membership_rules.application_refusal``), or None."""
        earlier = self._coop_history([partner.id], [company.id]).get((partner.id, company.id))
        if not earlier:
            return None
        return rules.application_refusal(earlier.mapped("state"), self._coop_by_board())

    def _post_reapplication_notes(self):
        """Tell the board, in the chatter, that this partner was a member
        (or applied) before: the history stays on the earlier membership."""
        for membership in self:
            previous = membership.previous_membership_id
            membership.message_post(
                body=self.env._(
                    "Applies again. Previous membership: %(previous)s (%(state)s).",
                    previous=previous.display_name,
                    state=self._coop_state_label(previous.state),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _schedule_review_activities(self):
        """One review to-do per application, for the officer of its co-op
        with the fewest reviews open (counting those given out here)."""
        officers = self.env.ref(OFFICER_GROUP).sudo().users.filtered(lambda user: not user.share)
        activity_type = self.env.ref("coop_base.mail_activity_type_membership_review")
        open_reviews = dict(
            self.env["mail.activity"]
            .sudo()
            ._read_group(
                [("activity_type_id", "=", activity_type.id), ("user_id", "in", officers.ids)],
                ["user_id"],
                ["__count"],
            )
        )
        load = {officer.id: open_reviews.get(officer, 0) for officer in officers}
        values = []
        for membership in self:
            eligible = officers.filtered(lambda u, c=membership.company_id: c in u.company_ids)
            if not eligible:
                continue
            reviewer = min(eligible, key=lambda u: (load[u.id], u.id))
            load[reviewer.id] += 1
            values.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": membership.id,
                    "activity_type_id": activity_type.id,
                    "user_id": reviewer.id,
                    "date_deadline": membership.company_id._coop_today(),
                    "automated": True,
                }
            )
        # no assignment email per application: the to-dos show in the
        # reviewers' activity menu
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            values
        )
