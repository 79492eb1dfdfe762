# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import tally

MOTION_KINDS = [
    ("ordinary", "Ordinary Resolution"),
    ("special", "Special Resolution"),
    ("bylaw_amendment", "Bylaw Amendment"),
    ("dissolution", "Dissolution"),
    ("election", "Election"),
]
MAJORITY_SELECTION = [
    ("simple", "Simple majority of votes cast"),
    ("two_thirds", "Two-thirds of votes cast"),
    ("three_quarters", "Three-quarters of votes cast"),
    ("unanimity", "Unanimity"),
    ("consensus", "Consensus (no block)"),
]
# Majority a kind of motion needs unless the secretary sets another one.
KIND_MAJORITY = {
    "special": "two_thirds",
    "bylaw_amendment": "two_thirds",
    "dissolution": "three_quarters",
}


class CoopMotion(models.Model):
    _name = "coop.motion"
    _description = "Motion"
    _inherit = ["coop.protected.mixin", "coop.good.standing.mixin", "mail.thread"]
    _order = "meeting_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    meeting_id = fields.Many2one(
        "coop.meeting", required=True, index=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    agenda_item_id = fields.Many2one(
        "coop.meeting.agenda.item", domain="[('meeting_id', '=', meeting_id)]", check_company=True
    )
    text = fields.Html(required=True)
    proposer_id = fields.Many2one("coop.membership", check_company=True, tracking=True)
    seconder_id = fields.Many2one("coop.membership", check_company=True, tracking=True)
    kind = fields.Selection(MOTION_KINDS, required=True, default="ordinary", tracking=True)
    majority = fields.Selection(
        MAJORITY_SELECTION,
        compute="_compute_majority",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("voting", "Voting"),
            ("adopted", "Adopted"),
            ("rejected", "Rejected"),
            ("withdrawn", "Withdrawn"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    ballot_id = fields.Many2one("coop.ballot", copy=False, check_company=True, readonly=True)
    votes_yes = fields.Integer(string="Yes", help="Show of hands, when no ballot is used.")
    votes_no = fields.Integer(string="No")
    votes_abstain = fields.Integer(string="Abstain")
    decision_note = fields.Text(readonly=True, copy=False)
    decided_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    resolution_id = fields.Many2one("coop.resolution", readonly=True, copy=False)

    # set by action_open_ballot, action_withdraw and action_decide only
    _coop_workflow_fields = (
        "state",
        "ballot_id",
        "decision_note",
        "decided_date",
        "decided_by_id",
        "resolution_id",
    )

    @api.depends("kind", "meeting_id.company_id")
    def _compute_majority(self):
        for motion in self:
            motion.majority = (
                KIND_MAJORITY.get(motion.kind)
                or motion.company_id.coop_default_majority
                or "simple"
            )

    @api.constrains("proposer_id", "seconder_id")
    def _check_seconder(self):
        for motion in self:
            if motion.seconder_id and motion.seconder_id == motion.proposer_id:
                raise ValidationError(
                    _("A motion is seconded by another member than its proposer.")
                )

    @api.constrains("votes_yes", "votes_no", "votes_abstain")
    def _check_votes(self):
        for motion in self:
            if min(motion.votes_yes, motion.votes_no, motion.votes_abstain) < 0:
                raise ValidationError(_("Vote counts cannot be negative."))

    def _coop_frozen_fields(self):
        frozen = super()._coop_frozen_fields()
        if self.state in ("adopted", "rejected", "withdrawn"):
            # only the chatter moves on a decided motion
            frozen |= {name for name in self._fields if not name.startswith("message_")}
        elif self.ballot_id:
            # members vote on this text, decided by this majority: the count
            # of the ballot is weighed against what was put to the vote
            frozen |= {
                "name",
                "text",
                "kind",
                "majority",
                "meeting_id",
                "agenda_item_id",
                "votes_yes",
                "votes_no",
                "votes_abstain",
            }
        return frozen

    @api.ondelete(at_uninstall=False)
    def _unlink_only_undecided(self):
        for motion in self:
            if motion.state != "draft" or motion.ballot_id:
                raise UserError(
                    self.env._(
                        "%(motion)s was put to the vote, decided or withdrawn: it stays "
                        "in the meeting's register and is never deleted.",
                        motion=motion.name,
                    )
                )

    def action_open_ballot(self):
        """Put the motion to a yes/no/abstain ballot of the meeting's electorate."""
        self.ensure_one()
        self.meeting_id._check_officer()
        if self.state != "draft":
            raise UserError(_("Only a draft motion can be put to the vote."))
        ballot = self.env["coop.ballot"].create(
            {
                "name": self.name,
                "company_id": self.company_id.id,
                "meeting_id": self.meeting_id.id,
                "method": tally.METHOD_YES_NO,
                "majority": self.majority,
                "secret": self.meeting_id.body_id.kind == "general_assembly",
                "date_close": self.meeting_id.date_end or fields.Datetime.now(),
            }
        )
        self._coop_workflow().write({"ballot_id": ballot.id, "state": "voting"})
        return ballot._get_form_action()

    def action_withdraw(self):
        self.meeting_id._check_officer()
        if self.filtered(lambda m: m.state not in ("draft", "voting")) or self.ballot_id.filtered(
            lambda b: b.state != "draft"
        ):
            raise UserError(_("A motion whose ballot has opened cannot be withdrawn."))
        self._coop_workflow().write({"state": "withdrawn"})
        return True

    def action_decide(self):
        """Quorum and majority decide: adopted motions enter the resolutions register."""
        for motion in self:
            motion.meeting_id._check_officer()
            if motion.state not in ("draft", "voting"):
                raise UserError(_("This motion is already decided."))
            if motion.ballot_id:
                if motion.ballot_id.state != "closed":
                    raise UserError(_("Close the ballot before deciding the motion."))
                counts = motion.ballot_id._get_result().get("counts", {})
                yes, no, abstain = (
                    counts.get("yes", 0),
                    counts.get("no", 0),
                    counts.get("abstain", 0),
                )
                quorum_reached = motion.ballot_id.quorum_reached
            else:
                if motion.meeting_id.state != "held":
                    raise UserError(_("A show of hands is taken while the meeting is in session."))
                yes, no, abstain = motion.votes_yes, motion.votes_no, motion.votes_abstain
                if (
                    yes + no + abstain
                    > motion.meeting_id.present_count + motion.meeting_id.represented_count
                ):
                    raise UserError(_("More votes than members present and represented."))
                quorum_reached = motion.meeting_id.quorum_reached
            adopted = quorum_reached and tally.motion_adopted(motion.majority, yes, no, abstain)
            note = _(
                "Yes %(yes)s, no %(no)s, abstain %(abstain)s; quorum %(quorum)s; "
                "majority required: %(majority)s.",
                yes=yes,
                no=no,
                abstain=abstain,
                quorum=_("reached") if quorum_reached else _("not reached"),
                majority=dict(motion._fields["majority"]._description_selection(self.env))[
                    motion.majority
                ],
            )
            values = {
                "state": "adopted" if adopted else "rejected",
                "decision_note": note,
                "decided_date": fields.Datetime.now(),
                "decided_by_id": self.env.uid,
                "votes_yes": yes,
                "votes_no": no,
                "votes_abstain": abstain,
            }
            if adopted:
                values["resolution_id"] = motion._create_resolution().id
            motion._coop_workflow().write(values)
            motion.message_post(body=note)
        return True

    def _create_resolution(self):
        self.ensure_one()
        return (
            self.env["coop.resolution"]
            .sudo()
            ._coop_workflow()
            .create(
                {
                    "company_id": self.company_id.id,
                    "name": self.name,
                    "text": self.text,
                    "kind": self.kind,
                    "meeting_id": self.meeting_id.id,
                    "motion_id": self.id,
                    "date": self.company_id._coop_today(),
                }
            )
        )
