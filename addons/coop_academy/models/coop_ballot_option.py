from odoo import api, models


class CoopBallotOption(models.Model):
    _inherit = "coop.ballot.option"

    @api.constrains("membership_id", "ballot_id")
    def _check_candidacy_training(self):
        for option in self.filtered("membership_id"):
            option.ballot_id._coop_academy_check_candidates(option.membership_id)
