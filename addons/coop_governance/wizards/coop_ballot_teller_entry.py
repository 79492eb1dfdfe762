# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .. import tally

# What each kind of entry may hold: issuing a paper names a member and no
# content, keying in a paper holds a content and no member.
MEMBER_FIELDS = ("membership_id", "holder_id")
CONTENT_FIELDS = ("choice", "option_ids", "ranking")
KEPT_BY_MODE = {
    "in_meeting": MEMBER_FIELDS + CONTENT_FIELDS,
    "issue_paper": ("membership_id",),
    "key_paper": CONTENT_FIELDS,
    "lost_paper": (),
}


class CoopBallotTellerEntry(models.TransientModel):
    """Tellers record roll-call votes given in the room and paper ballots.

    In a secret ballot the teller never enters a member together with a
    content: issuing the paper to the member and keying in the paper taken
    from the box are separate entries, an entry keeps only the fields of its
    kind, and it is deleted once recorded, so no entry left behind links a
    member to a vote. Tellers see their own entries of their co-ops only.
    """

    _name = "coop.ballot.teller.entry"
    _description = "Teller Ballot Entry"
    _check_company_auto = True

    ballot_id = fields.Many2one("coop.ballot", required=True, check_company=True)
    company_id = fields.Many2one(related="ballot_id.company_id", store=True)
    method = fields.Selection(related="ballot_id.method")
    mode = fields.Selection(
        [
            ("in_meeting", "Roll-Call Vote Given in the Room"),
            ("issue_paper", "Issue a Paper Ballot"),
            ("key_paper", "Key In a Paper Ballot"),
            ("lost_paper", "Record a Lost Paper Ballot"),
        ],
        required=True,
        default="in_meeting",
    )
    membership_id = fields.Many2one("coop.membership", string="Member", check_company=True)
    holder_id = fields.Many2one(
        "coop.membership",
        string="Proxy Holder",
        check_company=True,
        help="Set when a proxy holder votes for the member.",
    )
    choice = fields.Selection(
        [("yes", "Yes"), ("no", "No"), ("abstain", "Abstain")], help="For yes/no/abstain ballots."
    )
    option_ids = fields.Many2many(
        "coop.ballot.option",
        domain="[('ballot_id', '=', ballot_id)]",
        string="Choice(s)",
        help="Single choice: one option; approval: every approved option.",
    )
    ranking = fields.Char(
        help="Ranked ballots: option names or numbers in order of preference, separated by '>'."
    )
    lost_reason = fields.Char(help="What happened to the issued paper ballot.")
    option_legend = fields.Char(
        string="Options", compute="_compute_option_legend", help="The number of each option."
    )

    @api.depends("ballot_id")
    def _compute_option_legend(self):
        for entry in self:
            options = entry.ballot_id.option_ids.sorted(lambda o: (o.sequence, o.id))
            entry.option_legend = "  ·  ".join(
                f"{index}. {option.name}" for index, option in enumerate(options, start=1)
            )

    @api.model
    def _keep_fields_of_mode(self, vals, mode):
        """Drop what an entry of ``mode`` must not hold."""
        dropped = set(MEMBER_FIELDS + CONTENT_FIELDS) - set(KEPT_BY_MODE[mode])
        return {name: value for name, value in vals.items() if name not in dropped}

    @api.model
    def _blank_fields_of_other_modes(self, mode):
        dropped = set(MEMBER_FIELDS + CONTENT_FIELDS) - set(KEPT_BY_MODE[mode])
        return {
            name: [fields.Command.clear()] if name == "option_ids" else False for name in dropped
        }

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [
            self._keep_fields_of_mode(vals, vals.get("mode") or "in_meeting") for vals in vals_list
        ]
        return super().create(vals_list)

    def write(self, vals):
        for entry in self:
            mode = vals.get("mode") or entry.mode
            super(CoopBallotTellerEntry, entry).write(
                entry._keep_fields_of_mode(vals, mode) | entry._blank_fields_of_other_modes(mode)
            )
        return True

    @api.onchange("mode")
    def _onchange_mode(self):
        for name in MEMBER_FIELDS + CONTENT_FIELDS:
            if name not in KEPT_BY_MODE[self.mode]:
                self[name] = False

    @api.model
    def _parse_ranking(self, ballot, ranking):
        options = ballot.option_ids.sorted(lambda o: (o.sequence, o.id))
        by_label = {o.name.strip().lower(): str(o.id) for o in options}
        by_label.update({str(index): str(o.id) for index, o in enumerate(options, start=1)})
        keys = []
        for label in (ranking or "").split(">"):
            label = label.strip().lower()
            if label:
                if label not in by_label:
                    raise UserError(_("Unknown option %r in the ranking.", label))
                keys.append(by_label[label])
        return keys

    def _content(self):
        self.ensure_one()
        method = self.ballot_id.method
        if method == tally.METHOD_YES_NO:
            return {"choice": self.choice}
        if method == tally.METHOD_SINGLE:
            if len(self.option_ids) != 1:
                raise UserError(_("Choose exactly one option."))
            return {"choice": str(self.option_ids.id)}
        if method == tally.METHOD_APPROVAL:
            return {"choices": [str(i) for i in self.option_ids.ids]}
        return {"ranking": self._parse_ranking(self.ballot_id, self.ranking)}

    def action_save(self):
        """Record the entry, delete it, and open a blank one of the same kind."""
        self.ensure_one()
        if not self.env.user.has_group("coop_governance.group_coop_teller"):
            raise UserError(_("Only tellers enter ballots."))
        # the workflow below runs with its own rights: the teller must reach
        # this ballot (its co-op) with theirs
        self.ballot_id.check_access("read")
        ballot = self.ballot_id.sudo()
        if self.mode == "key_paper":
            ballot._key_in_paper(self._content())
            message = _("Paper ballot keyed in.")
        elif self.mode == "lost_paper":
            ballot._record_lost_paper(self.lost_reason)
            message = _("Lost paper ballot recorded.")
        elif not self.membership_id:
            raise UserError(_("Choose the member on the roll."))
        elif self.mode == "in_meeting" and ballot.secret:
            raise UserError(
                _(
                    "In a secret ballot, issue a paper ballot to the member "
                    "and key it in separately."
                )
            )
        elif self.mode == "issue_paper":
            ballot._issue_paper(self.membership_id)
            message = _("Paper ballot issued to %s.", self.membership_id.sudo().partner_id.name)
        else:
            ballot._cast_vote(
                self.membership_id, self._content(), "teller", holder=self.holder_id or None
            )
            message = _("Vote of %s recorded.", self.membership_id.sudo().partner_id.name)
        next_entry = {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {"default_ballot_id": self.ballot_id.id, "default_mode": self.mode},
        }
        self.unlink()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": "success", "next": next_entry},
        }
