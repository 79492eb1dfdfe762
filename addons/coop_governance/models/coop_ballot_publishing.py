# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose.
# pylint: disable=consider-merging-classes-inherited
import json
from datetime import timedelta

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .. import ballot_box, ballot_seal, tally


class CoopBallot(models.Model):
    """Closing: voting stops, the urn is opened, published as a hash-chained
    box and counted; the cron that does it for ballots whose time is over."""

    _inherit = "coop.ballot"

    # ------------------------------------------------------------------
    # Closing: voting stops
    # ------------------------------------------------------------------
    def _check_can_stop(self):
        self.ensure_one()
        if self.state == "draft":
            raise UserError(_("Ballot %s has not been opened: it cannot be closed.", self.name))
        if self.state != "open":
            raise UserError(_("Ballot %s is already closed.", self.name))
        if self._papers_outstanding():
            raise UserError(self._paper_problem())

    def _papers_outstanding(self):
        return self.paper_issued_count - self.paper_keyed_count - self.paper_lost_count

    def _paper_problem(self):
        return _(
            "%(issued)s paper ballots were issued but %(keyed)s keyed in: "
            "key in the remaining papers, or record those that were lost, before the ballot "
            "is closed.",
            issued=self.paper_issued_count,
            keyed=self.paper_keyed_count + self.paper_lost_count,
        )

    def _closes_early(self):
        """Closing now would cut short members who may still vote."""
        return fields.Datetime.now() < self.date_close and self.voted_count < self.roll_count

    def action_close(self):
        """Close and Count: voting stops now and the box is counted right
        after. Before the closing time, while members on the roll have not
        voted, an officer first records why (the closing wizard)."""
        self.ensure_one()
        self._check_officer()
        self._check_can_stop()
        if self._closes_early():
            return {
                "type": "ir.actions.act_window",
                "name": _("Close Before Every Member Has Voted"),
                "res_model": "coop.ballot.close",
                "view_mode": "form",
                "target": "new",
                "context": {"default_ballot_id": self.id},
            }
        self._stop_voting()
        return True

    def _close_early(self, reason):
        """Stop voting before the closing time with a recorded decision."""
        self.ensure_one()
        self._check_officer()
        self._check_can_stop()
        reason = (reason or "").strip()
        if self._closes_early() and not reason:
            raise UserError(_("Give the reason for closing before every member has voted."))
        self._stop_voting(reason=reason)
        return True

    def _stop_voting(self, reason=None):
        """Voting stops (the row update waits for votes in flight and makes
        later ones fail); the count follows in the governance cron, in a
        transaction that sees every vote committed before this one."""
        self.ensure_one()
        values = {"state": "counting", "date_closed": fields.Datetime.now(), "count_problem": False}
        if reason:
            values.update(early_close_reason=reason, early_closed_by_id=self.env.uid)
        self._coop_workflow().write(values)
        if reason:
            self.message_post(
                body=_(
                    "Voting closed before its closing time by %(user)s, with %(voted)s of "
                    "%(roll)s members voted. Reason: %(reason)s",
                    user=self.env.user.name,
                    voted=self.voted_count,
                    roll=self.roll_count,
                    reason=reason,
                )
            )
        self.env.ref("coop_governance.ir_cron_ballot_remind_and_close").sudo()._trigger()

    def action_retry_count(self):
        """Count again once the problem reported by the cron is solved."""
        self._check_officer()
        for ballot in self.filtered(lambda b: b.state == "counting"):
            ballot._coop_workflow().write({"count_problem": False})
        self.env.ref("coop_governance.ir_cron_ballot_remind_and_close").sudo()._trigger()
        return True

    # ------------------------------------------------------------------
    # Counting: the urn opened, published and counted
    # ------------------------------------------------------------------
    def _box_header(self):
        self.ensure_one()
        options = self.option_ids.sorted(lambda o: (o.sequence, o.id))
        return {
            "ballot": f"{self.company_id.id}/{self.id}",
            "name": self.name,
            "method": self.method,
            "options": [str(o.id) for o in options] if self.method != tally.METHOD_YES_NO else [],
            "option_names": {str(o.id): o.name for o in options},
            "seats": self.seats,
            "seed": self.seed,
        }

    def _open_urn(self):
        """Every vote in the urn as (content, receipt hash, roll id), opened
        with the urn's private key when it was sealed."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT envelope, roll_id FROM coop_ballot_urn WHERE ballot_id = %s", [self.id]
        )
        rows = self.env.cr.fetchall()
        unseal = self.urn_public_key and ballot_seal.opener(self._urn_private_key())
        options = self._option_keys()
        votes = []
        for envelope, roll_id in rows:
            content, receipt = ballot_box.open_envelope(unseal(envelope) if unseal else envelope)
            try:
                content = tally.validate_content(
                    self.method, options, content, self.seats, self.require_full_ranking
                )
            except tally.TallyError as error:
                raise self._tally_error(error) from error
            votes.append((content, receipt, roll_id))
        return votes

    def _count(self):
        """Publish the box and count it (a ballot whose voting has stopped)."""
        self.ensure_one()
        votes = self._open_urn()
        voted_count, roll_count = self.voted_count, self.roll_count
        # a paper recorded as lost is a member who voted with nothing in the urn
        if len(votes) != voted_count - self.paper_lost_count:
            raise UserError(
                _(
                    "The urn holds %(urn)s votes but %(voted)s members voted "
                    "(%(lost)s paper ballots lost).",
                    urn=len(votes),
                    voted=voted_count,
                    lost=self.paper_lost_count,
                )
            )
        header = self._box_header()
        box = ballot_box.publish_box(header, [(content, receipt) for content, receipt, _r in votes])
        rolls = {receipt: roll_id for _c, receipt, roll_id in votes}
        now = fields.Datetime.now()
        entries = box["entries"]
        self.env.cr.execute(
            """INSERT INTO coop_ballot_box_entry
                   (ballot_id, company_id, sequence, content, receipt_hash, chain_hash, roll_id,
                    create_uid, create_date, write_uid, write_date)
               SELECT %(ballot)s, %(company)s, t.sequence, t.content, t.receipt, t.chain, t.roll,
                      %(uid)s, %(now)s, %(uid)s, %(now)s
                 FROM unnest(%(sequence)s::int[], %(content)s::text[], %(receipt)s::varchar[],
                             %(chain)s::varchar[], %(roll)s::int[])
                      AS t(sequence, content, receipt, chain, roll)""",
            {
                "ballot": self.id,
                "company": self.company_id.id,
                "uid": self.env.uid,
                "now": now,
                "sequence": list(range(1, len(entries) + 1)),
                "content": [ballot_box.canonical_json(e["content"]) for e in entries],
                "receipt": [e["receipt_hash"] for e in entries],
                "chain": [e["hash"] for e in entries],
                "roll": [rolls[e["receipt_hash"]] for e in entries],
            },
        )
        self.env.cr.execute("DELETE FROM coop_ballot_urn WHERE ballot_id = %s", [self.id])
        result = tally.tally(
            self.method, header["options"], [e["content"] for e in entries], self.seats, self.seed
        )
        quorum_reached = voted_count >= self.quorum_required
        # without its quorum the ballot does not stand: the count is published,
        # nobody is elected by it
        elected = self.option_ids.filtered(
            lambda o: quorum_reached and str(o.id) in result.get("elected", [])
        )
        self._coop_workflow().write(
            {
                "state": "closed",
                "result_json": json.dumps(result),
                "box_head": box["head"],
                "quorum_reached": quorum_reached,
                "elected_option_ids": [fields.Command.set(elected.ids)],
                "count_problem": False,
            }
        )
        if self.urn_public_key:
            self._destroy_urn_key_after_commit()
        self.invalidate_recordset(["box_entry_ids"])
        self.message_post(
            body=_(
                "Ballot closed: %(voted)s of %(roll)s members voted. "
                "Published ballot box head: %(head)s",
                voted=voted_count,
                roll=roll_count,
                head=box["head"],
            )
        )
        self.env["coop.ballot.mailing"]._queue(self, "results")
        return box["head"]

    def _report_problem(self, problem):
        """Tell the officer who opened the ballot why it waits (once per problem)."""
        self.ensure_one()
        if self.count_problem == problem:
            return
        self._coop_workflow().write({"count_problem": problem})
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("Ballot %s cannot be closed and counted", self.name),
            note=problem,
            user_id=(self.opened_by_id or self.create_uid).id,
        )

    def _count_or_report(self):
        try:
            with self.env.cr.savepoint():
                self._count()
        except (UserError, ValueError, psycopg2.IntegrityError) as error:
            self._report_problem(
                _("The ballot box could not be counted: %(reason)s", reason=str(error))
            )

    # ------------------------------------------------------------------
    # Results, the published box and receipts
    # ------------------------------------------------------------------
    def _get_result(self):
        """The published result; while open, the live count of a roll-call
        ballot whose results are not hidden (a secret ballot never has one)."""
        self.ensure_one()
        if self.state == "open" and not (self.hide_results or self.secret):
            contents = [content for content, _receipt, _roll in self._open_urn()]
            return tally.tally(
                self.method, self._box_header()["options"], contents, self.seats, self.seed
            )
        return json.loads(self.result_json) if self.result_json else {}

    def _get_published_box(self):
        """The box as published to the electorate: header, chained entries, head."""
        self.ensure_one()
        if self.state != "closed":
            raise UserError(_("The ballot box is published when the ballot closes."))
        self.env.cr.execute(
            "SELECT content, receipt_hash, chain_hash FROM coop_ballot_box_entry "
            "WHERE ballot_id = %s ORDER BY sequence",
            [self.id],
        )
        entries = [
            {"content": json.loads(content), "receipt_hash": receipt, "hash": chain}
            for content, receipt, chain in self.env.cr.fetchall()
        ]
        return {"header": self._box_header(), "entries": entries, "head": self.box_head}

    def _check_receipt(self, code):
        """Position of the receipt in the published box, or 0 when it is not there."""
        self.ensure_one()
        if self.state != "closed":
            raise UserError(_("Receipts can be checked once the ballot box is published."))
        self.env.cr.execute(
            "SELECT sequence FROM coop_ballot_box_entry WHERE ballot_id = %s AND receipt_hash = %s",
            [self.id, ballot_box.receipt_hash(code)],
        )
        row = self.env.cr.fetchone()
        return row[0] if row else 0

    def action_recount(self):
        """Recount the published box with the tally functions and compare."""
        for ballot in self:
            recounted = ballot_box.recount(ballot._get_published_box())
            if recounted != ballot._get_result():
                raise UserError(
                    _("The recount of %s does not match the published result!", ballot.name)
                )
            ballot.message_post(body=_("Recount of the published ballot box matches the result."))
        return True

    def option_name(self, key):
        """Name of an option from its key in a result (for reports)."""
        option = self.option_ids.filtered(lambda o: str(o.id) == str(key))
        return option.name or key

    # ------------------------------------------------------------------
    # The governance cron: one ballot per run, each committed on its own
    # ------------------------------------------------------------------
    @api.model
    def _cron_remind_and_close(self):
        """Draw the roll of one opening ballot, or stop one whose time is
        over, or count one whose voting has stopped, or queue the reminders
        of one closing within a day. The cron runner calls again at once
        while work remains (each call is committed apart); returns whether
        there was anything to do."""
        now = fields.Datetime.now()
        work = [(ballot, "open") for ballot in self.search([("state", "=", "opening")])]
        overdue = self.search([("state", "=", "open"), ("date_close", "<=", now)])
        unkeyed = overdue.filtered(lambda b: b._papers_outstanding())
        for ballot in unkeyed:
            ballot._report_problem(ballot._paper_problem())
        work += [(ballot, "stop") for ballot in overdue - unkeyed]
        work += [
            (ballot, "count")
            for ballot in self.search([("state", "=", "counting"), ("count_problem", "=", False)])
        ]
        work += [
            (ballot, "remind")
            for ballot in self.search(
                [
                    ("state", "=", "open"),
                    ("date_close", ">", now),
                    ("date_close", "<=", now + timedelta(hours=24)),
                    ("reminder_sent", "=", False),
                ]
            )
        ]
        if not work:
            return False
        ballot, step = work[0]
        if step == "open":
            ballot._freeze_roll()
        elif step == "stop":
            ballot._stop_voting()
        elif step == "count":
            ballot._count_or_report()
        else:
            ballot._coop_workflow().write({"reminder_sent": True})
            self.env["coop.ballot.mailing"]._queue(ballot, "reminder")
        # a stopped ballot is counted by the next call
        remaining = len(work) - (step != "stop")
        self.env["ir.cron"]._notify_progress(done=1, remaining=remaining)
        return True
