# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

TEMPLATES = {
    "opened": "coop_governance.mail_template_ballot_opened",
    "reminder": "coop_governance.mail_template_ballot_reminder",
    "results": "coop_governance.mail_template_ballot_results",
}


class CoopBallotMailing(models.Model):
    """The mails of one event of a ballot to its roll, rendered by a cron in
    batches: opening or closing a ballot of 100,000 members renders none of
    them inside the officer's request."""

    _name = "coop.ballot.mailing"
    _description = "Ballot Mailing to the Roll"
    _order = "id"

    ballot_id = fields.Many2one(
        "coop.ballot", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="ballot_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [("opened", "Ballot Opened"), ("reminder", "Closing Soon"), ("results", "Results")],
        required=True,
        readonly=True,
    )
    last_roll_id = fields.Integer(
        readonly=True, help="Roll entries up to this one have been mailed."
    )
    done = fields.Boolean(readonly=True, index=True)

    @api.model
    def _queue(self, ballots, kind):
        """Mail the roll of ``ballots`` that notify their voters, soon."""
        ballots = ballots.filtered("notify_voters")
        if ballots:
            self.sudo().create([{"ballot_id": ballot.id, "kind": kind} for ballot in ballots])
            self.env.ref("coop_governance.ir_cron_ballot_mailings").sudo()._trigger()

    def _rolls_domain(self):
        self.ensure_one()
        domain = [
            ("ballot_id", "=", self.ballot_id.id),
            ("id", ">", self.last_roll_id),
            ("partner_id.email", "!=", False),
        ]
        if self.kind == "reminder":
            domain.append(("vote_count", "=", 0))
        return domain

    @api.model
    def _cron_send(self, batch_size=500):
        """Render and queue the next ``batch_size`` mails of the oldest
        mailing; the cron runner calls again at once while mails remain."""
        mailing = self.search([("done", "=", False)], limit=1)
        if not mailing:
            return False
        Roll = self.env["coop.ballot.roll"].sudo()
        rolls = Roll.search(mailing._rolls_domain(), order="id", limit=batch_size)
        if rolls:
            self.env.ref(TEMPLATES[mailing.kind]).send_mail_batch(rolls.ids)
            mailing.last_roll_id = rolls[-1].id
        mailing.done = len(rolls) < batch_size
        remaining = sum(
            Roll.search_count(pending._rolls_domain())
            for pending in self.search([("done", "=", False)])
        )
        # a mailing marked done is work done too, even with no mail left
        self.env["ir.cron"]._notify_progress(done=len(rolls) or 1, remaining=remaining)
        return True
