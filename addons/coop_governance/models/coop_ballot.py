# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import os
import secrets
from functools import partial

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import config

from .. import ballot_seal, tally
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
    "name",
    "method",
    "option_ids",
    "seats",
    "secret",
    "hide_results",
    "record_date",
    "company_id",
    "meeting_id",
    "body_id",
    "seed",
    "require_full_ranking",
    "date_close",
    "majority",
    "allow_portal",
    "allow_teller",
    "allow_paper",
}


# Rolls up to this size are frozen inside the officer's request; larger ones
# by the governance cron, so that opening a ballot of 100,000 members answers
# at once.
ROLL_FROZEN_IN_REQUEST = 5000


def _bookkeeping(name):
    """Fields of the chatter, activities and portal links, which move on
    whatever the ballot's state."""
    return name.startswith(("message_", "activity_", "website_message")) or name in (
        "access_token",
        "has_message",
    )


class CoopBallot(models.Model):
    _name = "coop.ballot"
    _description = "Ballot"
    _inherit = ["coop.protected.mixin", "mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "date_close desc, id desc"
    _check_company_auto = True
    # Written by opening, voting, closing and counting only.
    _coop_workflow_fields = (
        "state",
        "date_open",
        "opened_by_id",
        "date_closed",
        "early_close_reason",
        "early_closed_by_id",
        "urn_public_key",
        "paper_issued_count",
        "paper_keyed_count",
        "paper_lost_count",
        "count_problem",
        "roll_ids",
        "roll_count",
        "voted_count",
        "reminder_sent",
        "quorum_required",
        "quorum_reached",
        "result_json",
        "box_head",
        "box_entry_ids",
        "elected_option_ids",
    )

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
        default=lambda self: self.env.company._coop_today(),
        tracking=True,
        help="Members in good standing on this date (in the co-op's time zone) form the roll.",
    )
    coop_tz_name = fields.Char(
        compute="_compute_coop_tz_name", help="The co-op's time zone: the window is shown in it."
    )
    date_open = fields.Datetime(string="Opened On", readonly=True, copy=False)
    opened_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_close = fields.Datetime(string="Closes On", required=True, tracking=True)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    early_close_reason = fields.Text(
        readonly=True,
        copy=False,
        tracking=True,
        help="Why voting stopped before the closing time while members had not voted.",
    )
    early_closed_by_id = fields.Many2one(
        "res.users", string="Closed Early By", readonly=True, copy=False, tracking=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("opening", "Opening"),
            ("open", "Open"),
            ("counting", "Counting"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    urn_public_key = fields.Char(
        readonly=True,
        copy=False,
        help="Secret ballots: the public key every vote is sealed to when it is cast. "
        "Its private key is kept outside the database until the count.",
    )
    paper_issued_count = fields.Integer(
        string="Paper Ballots Issued", default=0, readonly=True, copy=False
    )
    paper_keyed_count = fields.Integer(
        string="Paper Ballots Keyed In", default=0, readonly=True, copy=False
    )
    paper_lost_count = fields.Integer(
        string="Paper Ballots Lost",
        default=0,
        readonly=True,
        copy=False,
        help="Issued papers that never reached the box, each recorded by a teller with the "
        "reason in the chatter: their members count in the turnout, no vote in the count.",
    )
    count_problem = fields.Text(
        readonly=True, copy=False, help="Why the ballot could not be closed or counted."
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
        (
            "papers_keyed_not_above_issued",
            "check(paper_keyed_count + paper_lost_count <= paper_issued_count)",
            "More paper ballots keyed in or lost than issued.",
        ),
    ]

    @api.depends("meeting_id")
    def _compute_body_id(self):
        for ballot in self:
            ballot.body_id = ballot.meeting_id.body_id

    @api.depends("company_id.coop_tz")
    def _compute_coop_tz_name(self):
        for ballot in self:
            ballot.coop_tz_name = ballot.company_id._coop_tz_name()

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

    @api.depends("result_json", "state", "hide_results", "secret")
    def _compute_result_html(self):
        for ballot in self:
            result = ballot._get_result()
            ballot.result_html = result and self.env["ir.qweb"]._render(
                "coop_governance.ballot_result", {"ballot": ballot, "result": result}
            )

    @api.constrains("method", "seats")
    def _check_seats(self):
        for ballot in self:
            if ballot.method in (tally.METHOD_YES_NO, tally.METHOD_IRV) and ballot.seats != 1:
                raise ValidationError(_("This method fills exactly one seat."))

    @api.constrains("secret", "hide_results")
    def _check_secret_hides_results(self):
        # A live count watched before and after each vote would tell every vote.
        if self.filtered(lambda b: b.secret and not b.hide_results):
            raise ValidationError(_("A secret ballot shows its results only once it is closed."))

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for ballot in self:
            ballot.access_url = f"/my/governance/ballot/{ballot.id}"

    # ------------------------------------------------------------------
    # Immutability
    # ------------------------------------------------------------------
    def _coop_frozen_fields(self):
        frozen = super()._coop_frozen_fields()
        if self.state == "open":
            frozen |= LOCKED_WHEN_OPEN
        elif self.state != "draft":
            # a closed ballot and its result never change
            frozen |= {name for name in self._fields if not _bookkeeping(name)}
        return frozen

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
        """Open Ballot: the roll is frozen now, or, for an electorate larger
        than ROLL_FROZEN_IN_REQUEST, by the governance cron right after (a
        row and its checks per member: 100,000 of them take seconds), the
        ballot showing *Opening* meanwhile."""
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
            ballot._coop_workflow().write({"state": "opening", "opened_by_id": self.env.uid})
            if len(members) > ROLL_FROZEN_IN_REQUEST:
                self.env.ref("coop_governance.ir_cron_ballot_remind_and_close").sudo()._trigger()
            else:
                ballot._freeze_roll(members)
        return True

    def _freeze_roll(self, members=None):
        """Draw the roll of an opening ballot from the members eligible on its
        record date, make the urn's key and open the ballot for voting."""
        self.ensure_one()
        members = members or self._eligible_memberships()
        # One insert for the whole electorate, with no log columns to check.
        self.env.cr.execute(
            """INSERT INTO coop_ballot_roll
                   (ballot_id, company_id, membership_id, partner_id, vote_count)
               SELECT %(ballot)s, %(company)s, m.id, m.partner_id, 0
                 FROM coop_membership m WHERE m.id = ANY(%(members)s)""",
            {"ballot": self.id, "company": self.company_id.id, "members": members.ids},
        )
        # the quorum is the bylaws' as the ballot opens: a later change of the
        # co-op's settings does not move it under the votes already cast
        company = self.company_id
        values = {
            "state": "open",
            "date_open": fields.Datetime.now(),
            "quorum_required": tally.quorum_required(
                company.coop_quorum_type or "percent", company.coop_quorum_value, len(members)
            ),
        }
        if self.secret:
            values["urn_public_key"] = self._new_urn_key()
        self._coop_workflow().write(values)
        self.invalidate_recordset(["roll_ids", "roll_count", "voted_count"])
        self.message_post(body=_("Ballot opened with a roll of %s members.", len(members)))
        self.env["coop.ballot.mailing"]._queue(self, "opened")

    # ------------------------------------------------------------------
    # The urn's key: outside the database while voting runs
    # ------------------------------------------------------------------
    def _key_directory(self):
        """Where the private keys of this database's open secret ballots are
        kept: ``coop_ballot_key_dir`` of the server's configuration, else the
        data directory; never the database nor its filestore."""
        base = config.get("coop_ballot_key_dir") or os.path.join(
            config["data_dir"], "coop_ballot_keys"
        )
        return os.path.join(base, self.env.cr.dbname)

    def _new_urn_key(self):
        """A key pair for the urn: the private key goes to the key directory
        (removed again if this transaction rolls back), the public key, in
        base64, is returned for the ballot."""
        private_key, public_key = ballot_seal.new_key_pair()
        directory = self._key_directory()
        ballot_seal.store_private_key(directory, public_key, private_key)
        self.env.cr.postrollback.add(
            partial(ballot_seal.destroy_private_key, directory, public_key)
        )
        return base64.b64encode(public_key).decode()

    def _urn_public_key(self):
        return base64.b64decode(self.urn_public_key)

    def _urn_private_key(self):
        """The private key of the urn, read from the key directory."""
        return ballot_seal.load_private_key(self._key_directory(), self._urn_public_key())

    def _destroy_urn_key_after_commit(self):
        """Once the count is committed, nobody opens a sealed vote again."""
        self.env.cr.postcommit.add(
            partial(ballot_seal.destroy_private_key, self._key_directory(), self._urn_public_key())
        )

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
