# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose.
# pylint: disable=consider-merging-classes-inherited
import uuid

from odoo import _, fields, models
from odoo.exceptions import UserError

from .. import ballot_box, tally


class CoopBallot(models.Model):
    """Voting: the window, the roll check, one vote per roll entry and the urn."""

    _inherit = "coop.ballot"

    # ------------------------------------------------------------------
    # Voting
    # ------------------------------------------------------------------
    def _option_keys(self):
        return [str(option.id) for option in self.option_ids.sorted(lambda o: (o.sequence, o.id))]

    def _validate_content(self, content):
        self.ensure_one()
        try:
            return tally.validate_content(
                self.method, self._option_keys(), content, self.seats, self.require_full_ranking
            )
        except tally.TallyError as error:
            raise UserError(str(error)) from error

    def _check_window(self, channel):
        self.ensure_one()
        now = fields.Datetime.now()
        if self.state != "open" or now > self.date_close:
            raise UserError(_("Ballot %s is not open for voting now.", self.name))
        allowed = {
            "portal": self.allow_portal,
            "proxy": self.allow_portal or self.allow_teller,
            "teller": self.allow_teller,
            "paper": self.allow_paper,
        }
        if not allowed.get(channel):
            raise UserError(_("This ballot does not accept votes through this channel."))

    def _roll_entry(self, membership):
        self.ensure_one()
        roll = (
            self.env["coop.ballot.roll"]
            .sudo()
            .search([("ballot_id", "=", self.id), ("membership_id", "=", membership.id)], limit=1)
        )
        if not roll:
            raise UserError(
                _(
                    "%s is not on the roll of this ballot.",
                    membership.partner_id.name or _("This member"),
                )
            )
        return roll

    def _mark_voted(self, roll, channel):
        """One member, one vote: the check constraint on vote_count is the last word."""
        self.env.cr.execute(
            """UPDATE coop_ballot_roll SET vote_count = vote_count + 1, channel = %s
                WHERE id = %s AND vote_count = 0 RETURNING id""",
            [channel, roll.id],
        )
        if not self.env.cr.fetchone():
            raise UserError(_("%s has already voted on this ballot.", roll.partner_id.name))
        roll.invalidate_recordset(["vote_count", "has_voted", "channel"])
        self.invalidate_recordset(["voted_count"])

    def _drop_in_urn(self, content, roll=None, paper=False):
        """Store the content with a receipt hash; return the receipt code shown once.

        The urn has no id sequence, no timestamps and no user columns; a secret
        ballot's row does not name the roll entry either. It is emptied in
        receipt-hash order when the ballot closes.
        """
        code = ballot_box.new_receipt_code()
        self.env.cr.execute(
            """INSERT INTO coop_ballot_urn
                   (entry_key, ballot_id, content, receipt_hash, roll_id, paper)
               VALUES (%s, %s, %s, %s, %s, %s)""",
            [
                str(uuid.uuid4()),
                self.id,
                ballot_box.canonical_json(content),
                ballot_box.receipt_hash(code),
                roll.id if roll and not self.secret else None,
                paper,
            ],
        )
        return code

    def _cast_vote(self, membership, content, channel, holder=None):
        """Cast ``membership``'s single vote; ``holder`` votes for it by proxy."""
        self.ensure_one()
        self._check_window(channel)
        roll = self._roll_entry(membership)
        if holder:
            self._check_proxy(membership, holder)
        content = self._validate_content(content)
        self._mark_voted(roll, "proxy" if holder else channel)
        return self._drop_in_urn(content, roll=roll)

    def _check_proxy(self, membership, holder):
        attendance = (
            self.env["coop.meeting.attendance"]
            .sudo()
            .search_count(
                [
                    ("meeting_id", "=", self.meeting_id.id),
                    ("membership_id", "=", membership.id),
                    ("state", "=", "proxy"),
                    ("proxy_holder_id", "=", holder.id),
                ]
            )
        )
        if not self.company_id.coop_proxy_allowed or not attendance:
            raise UserError(
                _(
                    "%s does not hold a proxy for this member on this ballot.",
                    holder.partner_id.name,
                )
            )

    def _portal_cast(self, partner, content, represented=None):
        """Vote from the portal by ``partner``, for themselves or a member they represent."""
        self.ensure_one()
        membership = self.env["coop.membership"].sudo()._get_membership(partner, self.company_id)
        if not membership:
            raise UserError(_("You are not a member of %s.", self.company_id.name))
        if represented:
            return self._cast_vote(represented, content, "portal", holder=membership)
        return self._cast_vote(membership, content, "portal")

    def _issue_paper(self, membership):
        """A teller hands a paper ballot to a member on the roll: that is their vote."""
        self.ensure_one()
        self._check_window("paper")
        self._mark_voted(self._roll_entry(membership), "paper")

    def _key_in_paper(self, content):
        """A teller keys in one paper ballot from the box (no member attached)."""
        self.ensure_one()
        self._check_window("paper")
        content = self._validate_content(content)
        # Serialise keying so papers keyed never exceed papers issued.
        self.env.cr.execute("SELECT id FROM coop_ballot WHERE id = %s FOR UPDATE", [self.id])
        issued, keyed = self._paper_counts()
        if keyed >= issued:
            raise UserError(_("Every paper ballot issued (%s) has already been keyed in.", issued))
        return self._drop_in_urn(content, paper=True)

    def _paper_counts(self):
        self.env.cr.execute(
            """SELECT (SELECT count(*) FROM coop_ballot_roll
                        WHERE ballot_id = %(id)s AND channel = 'paper'),
                      (SELECT count(*) FROM coop_ballot_urn WHERE ballot_id = %(id)s AND paper)
                    + (SELECT count(*) FROM coop_ballot_box_entry
                        WHERE ballot_id = %(id)s AND paper)""",
            {"id": self.id},
        )
        return self.env.cr.fetchone()
