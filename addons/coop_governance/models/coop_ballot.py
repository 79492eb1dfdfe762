# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import secrets
import uuid

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import tally
from .coop_motion import MAJORITY_SELECTION

METHODS = [
    (tally.METHOD_YES_NO, "Yes / No / Abstain"),
    (tally.METHOD_SINGLE, "Single Choice"),
    (tally.METHOD_APPROVAL, "Multiple Choice (Approval)"),
    (tally.METHOD_IRV, "Ranked Choice (Instant Runoff, one seat)"),
    (tally.METHOD_STV, "Single Transferable Vote (Scottish rules)"),
]
CHANNELS = [
    ("portal", "Portal"),
    ("teller", "In-Meeting Entry by Teller"),
    ("paper", "Paper Ballot"),
    ("proxy", "Proxy"),
]
# What the electorate was promised when the ballot opened.
LOCKED_WHEN_OPEN = {
    "method",
    "seats",
    "secret",
    "record_date",
    "company_id",
    "meeting_id",
    "body_id",
    "seed",
    "require_full_ranking",
    "date_open",
    "majority",
    "allow_portal",
    "allow_teller",
    "allow_paper",
}


class CoopBallot(models.Model):
    _name = "coop.ballot"
    _description = "Ballot"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "date_close desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    description = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    meeting_id = fields.Many2one("coop.meeting", index=True, check_company=True, tracking=True)
    body_id = fields.Many2one(
        "coop.body",
        compute="_compute_body_id",
        store=True,
        readonly=False,
        check_company=True,
        help="Whose members form the electorate. Empty: every member in good standing.",
    )
    motion_ids = fields.One2many("coop.motion", "ballot_id", string="Motions")
    method = fields.Selection(METHODS, required=True, default=tally.METHOD_YES_NO, tracking=True)
    is_ranked = fields.Boolean(compute="_compute_is_ranked")
    majority = fields.Selection(
        MAJORITY_SELECTION,
        default=lambda self: self.env.company.coop_default_majority or "simple",
        help="For yes/no ballots: the majority the question needs.",
    )
    seats = fields.Integer(default=1, tracking=True)
    secret = fields.Boolean(
        default=True,
        tracking=True,
        help="Secret: the roll records only that a member voted. "
        "Open (roll-call): who voted what is recorded.",
    )
    allow_portal = fields.Boolean(string="Portal Voting", default=True)
    allow_teller = fields.Boolean(string="In-Meeting Entry", default=True)
    allow_paper = fields.Boolean(string="Paper Ballots", default=False)
    require_full_ranking = fields.Boolean(help="Ranked ballots must rank every option (no gaps).")
    hide_results = fields.Boolean(string="Hide Results Until Close", default=True)
    notify_voters = fields.Boolean(
        default=True, help="Mail the roll when the ballot opens, closes and before closing."
    )
    record_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Members in good standing on this date form the roll.",
    )
    date_open = fields.Datetime(string="Opened On", readonly=True, copy=False)
    date_close = fields.Datetime(string="Closes On", required=True, tracking=True)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    seed = fields.Char(
        string="Public Tie-Break Seed",
        required=True,
        copy=False,
        default=lambda self: secrets.token_hex(16),
        help="Ties that earlier stages cannot break are drawn by lot from this public seed.",
    )
    option_ids = fields.One2many("coop.ballot.option", "ballot_id", string="Options", copy=True)
    roll_ids = fields.One2many("coop.ballot.roll", "ballot_id")
    roll_count = fields.Integer(compute="_compute_participation")
    voted_count = fields.Integer(compute="_compute_participation")
    reminder_sent = fields.Boolean(readonly=True, copy=False)
    quorum_required = fields.Integer(readonly=True, copy=False)
    quorum_reached = fields.Boolean(readonly=True, copy=False)
    result_json = fields.Text(readonly=True, copy=False)
    result_html = fields.Html(compute="_compute_result_html", sanitize=False)
    box_head = fields.Char(string="Ballot Box Head Hash", readonly=True, copy=False)
    box_entry_ids = fields.One2many("coop.ballot.box.entry", "ballot_id", string="Ballot Box")
    elected_option_ids = fields.Many2many(
        "coop.ballot.option", string="Elected", readonly=True, copy=False
    )

    _sql_constraints = [
        ("seats_positive", "check(seats > 0)", "A ballot fills at least one seat."),
    ]

    @api.depends("meeting_id")
    def _compute_body_id(self):
        for ballot in self:
            ballot.body_id = ballot.meeting_id.body_id

    @api.depends("method")
    def _compute_is_ranked(self):
        for ballot in self:
            ballot.is_ranked = ballot.method in tally.RANKED_METHODS

    @api.depends("roll_ids")
    def _compute_participation(self):
        counts = {}
        if self.ids:
            self.env.cr.execute(
                """SELECT ballot_id, count(*), count(*) FILTER (WHERE vote_count > 0)
                     FROM coop_ballot_roll WHERE ballot_id = ANY(%s) GROUP BY ballot_id""",
                [self.ids],
            )
            counts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for ballot in self:
            ballot.roll_count, ballot.voted_count = counts.get(ballot.id, (0, 0))

    @api.depends("result_json", "state", "hide_results")
    def _compute_result_html(self):
        for ballot in self:
            show = ballot.state == "closed" or (ballot.state == "open" and not ballot.hide_results)
            ballot.result_html = show and self.env["ir.qweb"]._render(
                "coop_governance.ballot_result", {"ballot": ballot, "result": ballot._get_result()}
            )

    @api.constrains("method", "seats")
    def _check_seats(self):
        for ballot in self:
            if ballot.method in (tally.METHOD_YES_NO, tally.METHOD_IRV) and ballot.seats != 1:
                raise ValidationError(_("This method fills exactly one seat."))

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for ballot in self:
            ballot.access_url = f"/my/governance/ballot/{ballot.id}"

    # ------------------------------------------------------------------
    # Immutability
    # ------------------------------------------------------------------
    def write(self, vals):
        # Only bookkeeping of the chatter and of portal links may still change.
        if self.filtered(lambda b: b.state == "closed") and set(vals) - {
            "message_main_attachment_id",
            "access_token",
        }:
            raise UserError(_("A closed ballot and its results never change."))
        if LOCKED_WHEN_OPEN & set(vals) and self.filtered(lambda b: b.state == "open"):
            raise UserError(
                _(
                    "The rules of an open ballot cannot change: %s.",
                    ", ".join(sorted(LOCKED_WHEN_OPEN & set(vals))),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if self.filtered(lambda b: b.state != "draft"):
            raise UserError(
                _("A ballot that was opened is part of the record and cannot be deleted.")
            )

    # ------------------------------------------------------------------
    # Opening: the roll is frozen
    # ------------------------------------------------------------------
    def _eligible_memberships(self):
        self.ensure_one()
        if self.body_id:
            return self.body_id._eligible_memberships(self.record_date)
        return (
            self.env["coop.membership"]
            .sudo()
            ._get_members_in_good_standing(self.company_id, self.record_date)
        )

    def action_open(self):
        self._check_officer()
        now = fields.Datetime.now()
        for ballot in self:
            if ballot.state != "draft":
                raise UserError(_("Only a draft ballot can be opened."))
            if ballot.date_close <= now:
                raise UserError(_("The closing time must be in the future."))
            if ballot.method != tally.METHOD_YES_NO and len(ballot.option_ids) < 2:
                raise UserError(_("A ballot needs at least two options."))
            if ballot.method != tally.METHOD_YES_NO and ballot.seats >= len(ballot.option_ids):
                raise UserError(_("A ballot needs more options than seats to fill."))
            members = ballot._eligible_memberships()
            if not members:
                raise UserError(_("Nobody is eligible to vote on this ballot."))
            # One insert for the whole electorate: rolls of 100,000 members stay fast.
            self.env.cr.execute(
                """INSERT INTO coop_ballot_roll
                       (ballot_id, company_id, membership_id, partner_id, vote_count,
                        create_uid, create_date, write_uid, write_date)
                   SELECT %(ballot)s, %(company)s, m.id, m.partner_id, 0,
                          %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM coop_membership m WHERE m.id = ANY(%(members)s)""",
                {
                    "ballot": ballot.id,
                    "company": ballot.company_id.id,
                    "members": members.ids,
                    "uid": self.env.uid,
                    "now": now,
                },
            )
            ballot.write({"state": "open", "date_open": now})
            ballot.invalidate_recordset(["roll_ids", "roll_count", "voted_count"])
            ballot.message_post(body=_("Ballot opened with a roll of %s members.", len(members)))
            if ballot.notify_voters:
                ballot._mail_roll("coop_governance.mail_template_ballot_opened", ballot.roll_ids)
        return True

    def _mail_roll(self, template_xmlid, rolls):
        template = self.env.ref(template_xmlid)
        for roll in rolls.filtered("partner_id.email"):
            template.send_mail(roll.id)

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
        code = tally.new_receipt_code()
        self.env.cr.execute(
            """INSERT INTO coop_ballot_urn
                   (entry_key, ballot_id, content, receipt_hash, roll_id, paper)
               VALUES (%s, %s, %s, %s, %s, %s)""",
            [
                str(uuid.uuid4()),
                self.id,
                tally.canonical_json(content),
                tally.receipt_hash(code),
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
        box = tally.publish_box(header, [(json.loads(row[0]), row[1]) for row in rows.values()])
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
                "content": [tally.canonical_json(e["content"]) for e in entries],
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
        super().write(
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
        """The published result; while open, the live count if results are not hidden."""
        self.ensure_one()
        if self.state == "open" and not self.hide_results:
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
            [self.id, tally.receipt_hash(code)],
        )
        row = self.env.cr.fetchone()
        return row[0] if row else 0

    def action_recount(self):
        """Recount the published box with the tally functions and compare."""
        for ballot in self:
            recounted = tally.recount(ballot._get_published_box())
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
            ballot.write({"reminder_sent": True})

    def _publish_box_if_complete(self):
        issued, keyed = self._paper_counts()
        if issued == keyed:
            self._publish_box()

    def _check_officer(self):
        if not self.env.su and not self.env.user.has_group("coop_base.group_coop_officer"):
            raise UserError(_("Only co-op officers and secretaries open and close ballots."))

    def _get_form_action(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "coop.ballot",
            "res_id": self.id,
            "view_mode": "form",
        }
