from odoo import models
from odoo.exceptions import ValidationError


class CoopBallot(models.Model):
    _inherit = "coop.ballot"

    def action_open(self):
        # a certification may have lapsed since the candidate was put forward
        self._check_officer()
        for ballot in self:
            ballot._coop_academy_check_candidates(ballot.option_ids.membership_id)
        return super().action_open()

    def _coop_academy_check_candidates(self, memberships):
        """Refuse candidates missing a certification the bylaws require to
        stand for this ballot's body."""
        self.ensure_one()
        missing = memberships._coop_academy_missing_for_candidacy(self.body_id)
        if missing:
            membership, requirements = next(iter(missing.items()))
            raise ValidationError(
                self.env._(
                    "%(member)s cannot stand on %(ballot)s: the co-op requires %(courses)s "
                    "to be completed and valid before standing.",
                    member=membership.partner_id.display_name,
                    ballot=self.name,
                    courses=", ".join(r.channel_id.name for r in requirements),
                )
            )
