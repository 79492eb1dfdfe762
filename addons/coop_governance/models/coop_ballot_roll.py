# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .coop_ballot import CHANNELS


class CoopBallotRoll(models.Model):
    """The electorate of a ballot, frozen when it opens.

    A secret ballot's roll says only whether the member voted; the content is
    stored apart without any link back to this row.
    """

    _name = "coop.ballot.roll"
    _description = "Ballot Roll Entry"
    _order = "ballot_id, id"
    _check_company_auto = True
    # Written once for the whole electorate when the ballot opens: no log
    # columns, whose foreign keys would be checked for each of 100,000 rows.
    _log_access = False

    ballot_id = fields.Many2one(
        "coop.ballot", required=True, ondelete="restrict", index=True, readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    membership_id = fields.Many2one(
        "coop.membership",
        required=True,
        ondelete="restrict",
        index=True,
        readonly=True,
        check_company=True,
    )
    partner_id = fields.Many2one("res.partner", required=True, index=True, readonly=True)
    vote_count = fields.Integer(readonly=True, help="0 or 1: a roll entry votes at most once.")
    has_voted = fields.Boolean(compute="_compute_has_voted", search="_search_has_voted")
    channel = fields.Selection(CHANNELS, readonly=True)

    _sql_constraints = [
        (
            "ballot_member_unique",
            "unique(ballot_id, membership_id)",
            "A member is on a ballot's roll once.",
        ),
        ("one_member_one_vote", "check(vote_count IN (0, 1))", "One member, one vote."),
    ]

    @api.depends("vote_count")
    def _compute_has_voted(self):
        for roll in self:
            roll.has_voted = roll.vote_count > 0

    def _search_has_voted(self, operator, value):
        voted = (operator == "=") == bool(value)
        return [("vote_count", ">" if voted else "=", 0)]

    @api.depends("membership_id")
    def _compute_display_name(self):
        for roll in self:
            roll.display_name = roll.membership_id.display_name

    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        raise UserError(_("The roll is drawn from the member register when the ballot opens."))

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("The roll of a ballot is frozen when it opens."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("The roll of a ballot is frozen when it opens."))
