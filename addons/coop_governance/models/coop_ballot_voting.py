# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose.
# pylint: disable=consider-merging-classes-inherited
import secrets

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import ballot_box, ballot_seal, tally


class CoopBallot(models.Model):
    """Voting: the window, the roll check, one vote per roll entry and the urn."""

    _inherit = "coop.ballot"

    # ------------------------------------------------------------------
    # Voting
    # ------------------------------------------------------------------
    def _option_keys(self):
        """The options' keys in ballot order; one query, as each vote asks twice."""
        self.ensure_one()
        self.env["coop.ballot.option"].flush_model(["ballot_id", "sequence"])
        self.env.cr.execute(
            "SELECT id FROM coop_ballot_option WHERE ballot_id = %s ORDER BY sequence, id",
            [self.id],
        )
        return [str(option_id) for (option_id,) in self.env.cr.fetchall()]

    def _validate_content(self, content):
        self.ensure_one()
        try:
            return tally.validate_content(
                self.method, self._option_keys(), content, self.seats, self.require_full_ranking
            )
        except tally.TallyError as error:
            raise self._tally_error(error) from error

    def _tally_error(self, error):
        """The error of ``tally.py`` for the voter, in their language: its
        messages are marked there for the addon's translations."""
        # pylint: disable-next=translation-contains-variable
        return UserError(self.env._(error.message, **error.params))

    def _lock_open(self):
        """The ballot row, share-locked until this transaction ends, if voting
        runs: closing updates this row, so it waits for the votes in flight,
        and a vote that started before closing was committed fails to lock
        the updated row and is retried, then refused."""
        self.ensure_one()
        self.flush_recordset(["state"])
        self.env.cr.execute("SELECT state FROM coop_ballot WHERE id = %s FOR SHARE", [self.id])
        if self.env.cr.fetchone()[0] != "open":
            raise UserError(_("Ballot %s is not open for voting now.", self.name))

    def _check_window(self, channel):
        self.ensure_one()
        if self.state != "open" or fields.Datetime.now() > self.date_close:
            raise UserError(_("Ballot %s is not open for voting now.", self.name))
        allowed = {
            "portal": self.allow_portal,
            "proxy": self.allow_portal or self.allow_teller,
            "teller": self.allow_teller,
            "paper": self.allow_paper,
        }
        if not allowed.get(channel):
            raise UserError(_("This ballot does not accept votes through this channel."))

    def _voters_of_user(self, user):
        """``(own, voters, rolls)`` for ``user``: their memberships in the ballot's
        co-op, the members on the roll they may vote for (themselves, and those whose
        proxy they hold for the ballot's meeting when the co-op allows proxies), and
        those roll entries. One query: every portal vote asks it."""
        self.ensure_one()
        for model in ("coop.membership", "coop.meeting.attendance", "coop.ballot.roll"):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH ballot AS (
                    SELECT b.company_id, b.meeting_id, company.coop_proxy_allowed AS proxies
                      FROM coop_ballot b
                      JOIN res_company company ON company.id = b.company_id
                     WHERE b.id = %(ballot)s
                ), own AS (
                    SELECT membership.id
                      FROM coop_membership membership, ballot, res_users u
                      JOIN res_partner partner ON partner.id = u.partner_id
                     WHERE u.id = %(user)s
                       AND membership.company_id = ballot.company_id
                       AND membership.partner_id IN (partner.id, partner.commercial_partner_id)
                ), candidates AS (
                    SELECT id, TRUE AS is_own FROM own
                     UNION
                    SELECT attendance.membership_id, FALSE
                      FROM coop_meeting_attendance attendance, ballot
                     WHERE ballot.proxies
                       AND attendance.meeting_id = ballot.meeting_id
                       AND attendance.state = 'proxy'
                       AND attendance.proxy_holder_id IN (SELECT id FROM own)
                )
                SELECT candidates.id, candidates.is_own, roll.id
                  FROM candidates
             LEFT JOIN coop_ballot_roll roll
                       ON roll.ballot_id = %(ballot)s AND roll.membership_id = candidates.id
              ORDER BY candidates.id
                """,
                ballot=self.id,
                user=user.id,
            )
        )
        rows = self.env.cr.fetchall()
        Membership = self.env["coop.membership"]
        return (
            Membership.browse(member for member, is_own, _roll in rows if is_own),
            Membership.browse(member for member, _own, roll in rows if roll),
            self.env["coop.ballot.roll"].browse(roll for _member, _own, roll in rows if roll),
        )

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
            raise self._already_voted(roll)
        roll.invalidate_recordset(["vote_count", "has_voted", "channel"])
        self.invalidate_recordset(["voted_count"])

    def _already_voted(self, roll):
        return UserError(_("%s has already voted on this ballot.", roll.partner_id.name))

    def _drop_in_urn(self, content, roll=None):
        """Store the vote with a receipt hash; return the receipt code shown once.

        The urn has no id sequence, no timestamps and no user columns, and its
        rows are keyed by a random string. A secret ballot's row names no roll
        entry and holds only the sealed envelope (content and receipt hash,
        padded to the ballot's longest vote): what the database can tell of a
        row written in the same transaction as a roll entry is its length,
        the same for every vote of the ballot.
        """
        code = ballot_box.new_receipt_code()
        envelope = ballot_box.envelope(content, ballot_box.receipt_hash(code))
        if self.secret:
            size = ballot_seal.padded_size(ballot_box.longest_envelope(self._option_keys()))
            envelope = ballot_seal.seal(self._urn_public_key(), envelope, size)
        self.env.cr.execute(
            "INSERT INTO coop_ballot_urn (entry_key, ballot_id, envelope, roll_id) "
            "VALUES (%s, %s, %s, %s)",
            [
                secrets.token_hex(16),
                self.id,
                envelope,
                roll.id if roll and not self.secret else None,
            ],
        )
        return code

    def _cast_vote(self, membership, content, channel, holder=None):
        """Cast ``membership``'s single vote; ``holder`` votes for it by proxy."""
        self.ensure_one()
        self._lock_open()
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

    # ------------------------------------------------------------------
    # Paper ballots
    # ------------------------------------------------------------------
    def _count_paper(self, column, below_issued=False):
        """Add one to a paper counter of the ballot row while it is open (and,
        with ``below_issued``, only while fewer papers are keyed in or lost
        than issued).

        Updating the row, rather than locking it and counting, serialises
        every paper entry under REPEATABLE READ: a transaction that updates a
        row another one updated since its snapshot fails and is retried with
        a fresh one, where a lock alone would let it count from a stale
        snapshot (one paper keyed twice, a ballot that never closes).
        """
        self.flush_recordset(["state"])
        self.env.cr.execute(
            SQL(
                "UPDATE coop_ballot SET %(column)s = COALESCE(%(column)s, 0) + 1 "
                "WHERE id = %(id)s AND state = 'open' AND %(below)s RETURNING id",
                column=SQL.identifier(column),
                id=self.id,
                below=SQL(
                    "COALESCE(paper_keyed_count, 0) + COALESCE(paper_lost_count, 0)"
                    " < COALESCE(paper_issued_count, 0)"
                )
                if below_issued
                else SQL("TRUE"),
            )
        )
        counted = bool(self.env.cr.fetchone())
        self.invalidate_recordset(["paper_issued_count", "paper_keyed_count", "paper_lost_count"])
        return counted

    def _issue_paper(self, membership):
        """A teller hands a paper ballot to a member on the roll: that is their vote."""
        self.ensure_one()
        self._check_window("paper")
        roll = self._roll_entry(membership)
        if roll.has_voted:
            raise self._already_voted(roll)
        # the counter's row lock serialises this entry with every other paper
        # entry and with closing; the guarded mark still refuses a second vote
        if not self._count_paper("paper_issued_count"):
            raise UserError(_("Ballot %s is not open for voting now.", self.name))
        self._mark_voted(roll, "paper")

    def _key_in_paper(self, content):
        """A teller keys in one paper ballot from the box (no member attached).

        Papers issued before the closing time are keyed in until the ballot
        is closed, even after that time. No receipt: nobody could be given it.
        """
        self.ensure_one()
        if not self.allow_paper:
            raise UserError(_("This ballot does not accept votes through this channel."))
        content = self._validate_content(content)
        if not self._count_paper("paper_keyed_count", below_issued=True):
            if self.state != "open":
                raise UserError(_("Ballot %s is not open for voting now.", self.name))
            raise UserError(
                _(
                    "Every paper ballot issued (%s) has already been keyed in.",
                    self.paper_issued_count,
                )
            )
        self._drop_in_urn(content)

    def _record_lost_paper(self, reason):
        """A teller records that an issued paper never reached the box (torn,
        taken away, lost), so that the ballot can close. Its member stays
        counted as having voted; no content enters the urn."""
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Say what happened to the paper ballot."))
        if not self._count_paper("paper_lost_count", below_issued=True):
            if self.state != "open":
                raise UserError(_("Ballot %s is not open for voting now.", self.name))
            raise UserError(
                _(
                    "Every paper ballot issued (%s) is already keyed in or recorded as lost.",
                    self.paper_issued_count,
                )
            )
        self.message_post(
            body=_(
                "A paper ballot was recorded as lost by %(teller)s: %(reason)s",
                teller=self.env.user.name,
                reason=reason,
            )
        )
