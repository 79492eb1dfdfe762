# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose.
# pylint: disable=consider-merging-classes-inherited
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .. import ballot_box, tally


class CoopBallot(models.Model):
    """Closing: the urn published as a hash-chained box, the count, the crons."""

    _inherit = "coop.ballot"

    # ------------------------------------------------------------------
    # Closing, counting and publishing
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

    def action_close(self):
        self._check_officer()
        for ballot in self:
            if ballot.state == "draft":
                raise UserError(
                    _("Ballot %s has not been opened: it cannot be closed.", ballot.name)
                )
            if ballot.state == "closed":
                raise UserError(_("Ballot %s is already closed.", ballot.name))
            issued, keyed = ballot._paper_counts()
            if issued != keyed:
                raise UserError(
                    _(
                        "%(issued)s paper ballots were issued but %(keyed)s keyed in.",
                        issued=issued,
                        keyed=keyed,
                    )
                )
            ballot._publish_box()
        return True

    def _publish_box(self):
        """Move the urn into the chained, published box and count it."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT content, receipt_hash, roll_id, paper FROM coop_ballot_urn "
            "WHERE ballot_id = %s",
            [self.id],
        )
        rows = {row[1]: row for row in self.env.cr.fetchall()}
        header = self._box_header()
        box = ballot_box.publish_box(
            header, [(json.loads(row[0]), row[1]) for row in rows.values()]
        )
        now = fields.Datetime.now()
        entries = box["entries"]
        self.env.cr.execute(
            """INSERT INTO coop_ballot_box_entry
                   (ballot_id, company_id, sequence, content, receipt_hash, chain_hash,
                    roll_id, paper,
                    create_uid, create_date, write_uid, write_date)
               SELECT %(ballot)s, %(company)s, t.sequence, t.content, t.receipt, t.chain,
                      t.roll, t.paper,
                      %(uid)s, %(now)s, %(uid)s, %(now)s
                 FROM unnest(%(sequence)s::int[], %(content)s::text[], %(receipt)s::varchar[],
                             %(chain)s::varchar[], %(roll)s::int[], %(paper)s::bool[])
                      AS t(sequence, content, receipt, chain, roll, paper)""",
            {
                "ballot": self.id,
                "company": self.company_id.id,
                "uid": self.env.uid,
                "now": now,
                "sequence": list(range(1, len(entries) + 1)),
                "content": [ballot_box.canonical_json(e["content"]) for e in entries],
                "receipt": [e["receipt_hash"] for e in entries],
                "chain": [e["hash"] for e in entries],
                "roll": [rows[e["receipt_hash"]][2] for e in entries],
                "paper": [bool(rows[e["receipt_hash"]][3]) for e in entries],
            },
        )
        self.env.cr.execute("DELETE FROM coop_ballot_urn WHERE ballot_id = %s", [self.id])
        result = tally.tally(
            self.method, header["options"], [e["content"] for e in entries], self.seats, self.seed
        )
        roll_count, voted_count = self.roll_count, self.voted_count
        company = self.company_id
        required = tally.quorum_required(
            company.coop_quorum_type or "percent", company.coop_quorum_value, roll_count
        )
        elected = self.option_ids.filtered(lambda o: str(o.id) in result.get("elected", []))
        self._coop_workflow().write(
            {
                "state": "closed",
                "date_closed": now,
                "result_json": json.dumps(result),
                "box_head": box["head"],
                "quorum_required": required,
                "quorum_reached": voted_count >= required,
                "elected_option_ids": [fields.Command.set(elected.ids)],
            }
        )
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
        if self.notify_voters:
            self._mail_roll("coop_governance.mail_template_ballot_results", self.roll_ids)
        return box["head"]

    def _get_result(self):
        """The published result; while open, the live count of a roll-call
        ballot whose results are not hidden (a secret ballot never has one)."""
        self.ensure_one()
        if self.state == "open" and not (self.hide_results or self.secret):
            self.env.cr.execute(
                "SELECT content FROM coop_ballot_urn WHERE ballot_id = %s", [self.id]
            )
            contents = [json.loads(row[0]) for row in self.env.cr.fetchall()]
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
    # Crons
    # ------------------------------------------------------------------
    @api.model
    def _cron_remind_and_close(self):
        now = fields.Datetime.now()
        for ballot in self.search([("state", "=", "open"), ("date_close", "<=", now)]):
            ballot._publish_box_if_complete()
        soon = fields.Datetime.add(now, hours=24)
        for ballot in self.search(
            [("state", "=", "open"), ("date_close", "<=", soon), ("reminder_sent", "=", False)]
        ):
            if ballot.notify_voters:
                ballot._mail_roll(
                    "coop_governance.mail_template_ballot_reminder",
                    self.env["coop.ballot.roll"].search(
                        [("ballot_id", "=", ballot.id), ("vote_count", "=", 0)]
                    ),
                )
            ballot._coop_workflow().write({"reminder_sent": True})

    def _publish_box_if_complete(self):
        issued, keyed = self._paper_counts()
        if issued == keyed:
            self._publish_box()
