# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .. import tally


class CoopBallotBoxEntry(models.Model):
    """One ballot of the published box, in receipt-hash order, hash-chained.

    Rows are written together when the ballot closes, so their ids, dates and
    users say nothing about when or by whom each ballot was cast. Only an open
    (roll-call) ballot fills ``roll_id``.
    """

    _name = "coop.ballot.box.entry"
    _description = "Published Ballot"
    _order = "ballot_id, sequence"
    _check_company_auto = True
    _rec_name = "receipt_hash"

    ballot_id = fields.Many2one(
        "coop.ballot", required=True, ondelete="restrict", index=True, readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    sequence = fields.Integer(required=True, readonly=True)
    content = fields.Text(required=True, readonly=True)
    receipt_hash = fields.Char(required=True, index=True, readonly=True)
    chain_hash = fields.Char(required=True, readonly=True)
    roll_id = fields.Many2one(
        "coop.ballot.roll", string="Voter (open ballot)", readonly=True, index=True
    )
    voter_id = fields.Many2one(related="roll_id.partner_id", string="Voter")
    content_display = fields.Char(
        string="Vote", compute="_compute_content_display", help="The content, with option names."
    )

    _sql_constraints = [
        ("roll_unique", "unique(roll_id)", "One member, one vote."),
        ("receipt_unique", "unique(ballot_id, receipt_hash)", "Receipts are unique."),
    ]

    def init(self):
        # The urn holds the votes while voting runs: no id sequence, no
        # timestamps, no user columns, a random key instead of a row number;
        # an envelope sealed to the ballot's key in a secret ballot, whose
        # rows name no roll entry.
        self.env.cr.execute(
            """CREATE TABLE IF NOT EXISTS coop_ballot_urn (
                   entry_key varchar PRIMARY KEY,
                   ballot_id integer NOT NULL REFERENCES coop_ballot(id) ON DELETE RESTRICT,
                   envelope bytea NOT NULL,
                   roll_id integer UNIQUE REFERENCES coop_ballot_roll(id) ON DELETE RESTRICT
               )"""
        )
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS coop_ballot_urn_ballot_idx ON coop_ballot_urn (ballot_id)"
        )

    @api.depends("content", "ballot_id.option_ids.name")
    def _compute_content_display(self):
        yes_no = {"yes": _("Yes"), "no": _("No"), "abstain": _("Abstain")}
        for entry in self:
            content = json.loads(entry.content or "{}")
            name = entry.ballot_id.option_name
            if "ranking" in content:
                shown = " > ".join(name(key) for key in content["ranking"])
            elif "choices" in content:
                shown = ", ".join(name(key) for key in content["choices"])
            elif entry.ballot_id.method == tally.METHOD_YES_NO:
                shown = yes_no.get(content.get("choice"), "")
            else:
                shown = name(content["choice"]) if content.get("choice") else ""
            entry.content_display = shown or _("(blank)")

    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        raise UserError(_("Ballots enter the box by voting, never by hand."))

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("The published ballot box never changes."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("The published ballot box never changes."))
