# One model split by concern into files on purpose (as OCA contract).
# pylint: disable=consider-merging-classes-inherited
"""The membership state machine: transitions, numbering, decision mails,
the board's buttons and the admission/withdrawal contract of other addons."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import membership_rules as rules
from .coop_membership import (
    DECISION_MAIL_TEMPLATES,
    MANAGER_ACTIONS,
    MANAGER_GROUP,
    OFFICER_GROUP,
)


class CoopMembership(models.Model):
    _inherit = "coop.membership"

    # ------------------------------------------------------------------
    # State machine
    # ------------------------------------------------------------------
    def _check_transition(self, action):
        """Validate ``action`` on every record before anything changes."""
        for membership in self:
            try:
                rules.target_state(action, membership.state)
            except rules.IllegalTransition as error:
                raise UserError(
                    self.env._(
                        "%(membership)s is %(state)s: this action is not possible "
                        "(allowed: %(allowed)s).",
                        membership=membership.display_name,
                        state=self._coop_state_label(error.state),
                        allowed=", ".join(rules.allowed_actions(error.state)) or self.env._("none"),
                    )
                ) from error

    def _check_action_rights(self, action):
        group = MANAGER_GROUP if action in MANAGER_ACTIONS else OFFICER_GROUP
        if not self.env.su and not self.env.user.has_group(group):
            group_name = (
                self.env._("co-op managers")
                if group == MANAGER_GROUP
                else self.env._("co-op officers")
            )
            raise AccessError(
                self.env._("Only %(group)s may do this on a membership.", group=group_name)
            )
        if action in MANAGER_ACTIONS and not self.env.su:
            # nobody decides on their own membership, nor their organisation's
            own = self.env.user.partner_id.commercial_partner_id
            mine = self.filtered(lambda m: m.partner_id.commercial_partner_id == own)
            if mine:
                raise AccessError(
                    self.env._(
                        "%(membership)s is your own membership: another manager decides on it.",
                        membership=mine[0].display_name,
                    )
                )

    def _apply_transition(self, action, reason=None, date=None):
        """Move every record through ``action``; all-or-nothing. Without
        ``date``, the decision takes effect today in each co-op's time zone."""
        if not self:
            return True
        if action in rules.REASON_REQUIRED and not (reason or "").strip():
            raise UserError(self.env._("Give a reason for this decision."))
        self._check_transition(action)
        if date:
            self._apply_transition_on(action, reason, date)
        else:
            for company in self.company_id:
                self.filtered(lambda m, c=company: m.company_id == c)._apply_transition_on(
                    action, reason, company._coop_today()
                )
        if action in DECISION_MAIL_TEMPLATES:
            self.sudo().activity_unlink(["coop_base.mail_activity_type_membership_review"])
            # the emails are rendered by a cron job right after this
            # transaction: a batch approval of thousands of applications
            # neither waits on rendering them nor risks the request timeout
            self.env.ref("coop_base.ir_cron_queue_decision_mails").sudo()._trigger()
        return True

    def _apply_transition_on(self, action, reason, date):
        """Write a checked transition taking effect on ``date``."""
        target = rules.TRANSITIONS[action][1]
        vals = {"state": target, "state_reason": reason or False, "decided_by_id": self.env.uid}
        if action in DECISION_MAIL_TEMPLATES:
            vals["pending_decision_mail"] = action
        if action in rules.ENDING_ACTIONS:
            vals["end_date"] = date
        if action == "approve":
            self._check_admission_after_previous(date)
            self._assign_member_numbers()
            vals["admission_date"] = date
        if action == "suspend":
            self.env["coop.membership.suspension"].sudo()._coop_workflow().create(
                [
                    {"membership_id": membership.id, "date_start": date, "reason": reason}
                    for membership in self
                ]
            )
        if action in ("reinstate", "withdraw", "expel", "mark_deceased"):
            self.suspension_ids.filtered(
                lambda suspension: not suspension.date_end
            ).sudo()._coop_workflow().date_end = date
        self.sudo()._coop_workflow().write(vals)

    def _check_admission_after_previous(self, date):
        """One period of membership at a time: a former member is admitted
        again on or after the end of their previous membership."""
        for membership in self:
            previous = membership.previous_membership_id
            if rules.admission_overlaps(previous.end_date, fields.Date.to_date(date)):
                raise UserError(
                    self.env._(
                        "%(partner)s remains a member under %(previous)s until %(end)s: the new "
                        "membership can start on that day at the earliest.",
                        partner=membership.partner_id.display_name,
                        previous=previous.display_name,
                        end=previous.end_date,
                    )
                )

    def _assign_member_numbers(self):
        """Give numbers, in one sequence round trip per co-op, to the
        memberships that have none (a number given by hand is kept)."""
        for company in self.company_id:
            unnumbered = self.filtered(
                lambda m, c=company: m.company_id == c and not m.member_number
            )
            if not unnumbered:
                continue
            sequence = company._coop_get_membership_sequence().sudo()
            numbers = self._next_sequence_numbers(sequence, len(unnumbered))
            self._check_unique_keys(
                [(company.id, number) for number in numbers], exclude_ids=unnumbered.ids
            )
            # checked above for the whole batch: no search per record, so the
            # numbers are flushed in one UPDATE
            numbering = unnumbered.sudo()._coop_workflow()
            for membership, number in zip(numbering, numbers, strict=True):
                membership.member_number = number

    def _next_sequence_numbers(self, sequence, count):
        """``count`` consecutive formatted numbers from ``sequence``."""
        if sequence.implementation == "standard":
            self.env.cr.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                (f"ir_sequence_{sequence.id:03d}", count),
            )
            return [sequence.get_next_char(value) for (value,) in self.env.cr.fetchall()]
        return [sequence.next_by_id() for _index in range(count)]

    @api.model
    def _cron_queue_decision_mails(self, batch_size=1000):
        """Queue (not send) the decision email of the memberships decided
        since the last run, a batch at a time."""
        domain = [("pending_decision_mail", "!=", False)]
        pending = self.search(domain, limit=batch_size)
        for decision, template_xmlid in DECISION_MAIL_TEMPLATES.items():
            decided = pending.filtered(lambda m, d=decision: m.pending_decision_mail == d)
            if decided:
                decided.message_mail_with_source(self.env.ref(template_xmlid), force_send=False)
        pending._coop_workflow().pending_decision_mail = False
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(pending), remaining=remaining)
        return pending

    # ------------------------------------------------------------------
    # Public actions (buttons): check groups, then the transition
    # ------------------------------------------------------------------
    def _run_action(self, action, reason=None, date=None):
        self._check_action_rights(action)
        return self._apply_transition(action, reason=reason, date=date)

    def _open_decision_wizard(self, action, warning=None):
        context = {"default_membership_ids": self.ids, "default_action": action}
        if warning:
            context["default_warning"] = warning
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decision"),
            "res_model": "coop.membership.decision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def _coop_admission_issues(self):
        """What the co-op's admission rule still asks of these applicants,
        as {membership: (messages, refused)}; ``refused`` when their co-op
        refuses a board decision that breaks the rule rather than warning.

        coop_base alone sets no condition on admission: the board decides.
        Addons that add one (coop_shares: required shares, membership fee)
        extend this."""
        return {}

    @api.model
    def _coop_format_issues(self, issues, limit=20):
        """One line per membership of ``issues`` ({membership: messages})."""
        lines = [
            f"{membership.display_name}: {'; '.join(messages)}"
            for membership, messages in list(issues.items())[:limit]
        ]
        if len(issues) > limit:
            lines.append(self.env._("... and %(count)s more.", count=len(issues) - limit))
        return "\n".join(lines)

    def action_approve(self, reason=None):
        """The board admits these applicants, all or none. A decision that
        breaks the co-op's admission rule is refused, or, where the co-op
        only warns, needs the board's reason (asked by the decision wizard,
        kept as the decision's reason and in the chatter)."""
        self._check_action_rights("approve")
        self._check_transition("approve")
        issues = self._coop_admission_issues()
        refused = {m: messages for m, (messages, refuse) in issues.items() if refuse}
        if refused:
            raise UserError(
                self.env._(
                    "The co-op's admission rule does not allow admitting now:\n%(issues)s",
                    issues=self._coop_format_issues(refused),
                )
            )
        warnings = {m: messages for m, (messages, _refuse) in issues.items()}
        if warnings and not (reason or "").strip():
            return self._open_decision_wizard("approve", self._coop_format_issues(warnings))
        self._run_action("approve", reason)
        for membership, messages in warnings.items():
            membership.message_post(
                body=self.env._(
                    "Admitted by the board although the admission rule is not met: "
                    "%(issues)s. Reason: %(reason)s",
                    issues="; ".join(messages),
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_reject(self, reason=None):
        if reason is None:
            self._check_action_rights("reject")
            return self._open_decision_wizard("reject")
        return self._run_action("reject", reason)

    def action_suspend(self, reason=None, date=None):
        if reason is None:
            self._check_action_rights("suspend")
            return self._open_decision_wizard("suspend")
        return self._run_action("suspend", reason, date)

    def action_reinstate(self, reason=None, date=None):
        return self._run_action("reinstate", reason, date)

    def action_withdraw(self, reason=None, date=None):
        if reason is None:
            self._check_action_rights("withdraw")
            return self._open_decision_wizard("withdraw")
        return self._run_action("withdraw", reason, date)

    def action_expel(self, reason=None, date=None):
        if reason is None:
            self._check_action_rights("expel")
            return self._open_decision_wizard("expel")
        return self._run_action("expel", reason, date)

    def action_mark_deceased(self, reason=None, date=None):
        if reason is None:
            self._check_action_rights("mark_deceased")
            return self._open_decision_wizard("mark_deceased")
        return self._run_action("mark_deceased", reason, date)

    # ------------------------------------------------------------------
    # Contract for the other co-op addons: no group check, same rules
    # ------------------------------------------------------------------
    def _coop_admit(self, reason):
        """Applicant -> member, e.g. when paid-up shares reach the minimum."""
        return self._apply_transition("approve", reason=reason)

    def _coop_withdraw(self, reason):
        """Member/suspended -> withdrawn, e.g. when redeemed shares fall
        below the minimum."""
        return self._apply_transition("withdraw", reason=reason)
