# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
from collections import Counter

from odoo import fields, models

from .. import academy_rules as rules


class ResCompany(models.Model):
    """The training section of the Cooperative overview (coop_base)."""

    _inherit = "res.company"

    coop_training_overdue_count = fields.Integer(
        string="Training Overdue", compute="_compute_coop_overview_training"
    )
    coop_training_expired_count = fields.Integer(
        string="Certifications Expired", compute="_compute_coop_overview_training"
    )

    def _compute_coop_overview_training(self):
        counts = Counter()
        for company, status, count in (
            self.env["coop.academy.assignment"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "in", self.ids),
                    ("status", "in", [rules.OVERDUE, rules.EXPIRED]),
                ],
                ["company_id", "status"],
                ["__count"],
            )
        ):
            counts[company.id, status] = count
        for company in self:
            company.coop_training_overdue_count = counts[company.id, rules.OVERDUE]
            company.coop_training_expired_count = counts[company.id, rules.EXPIRED]

    def action_coop_overview_training(self):
        return self._coop_overview_action(
            "coop_academy.coop_academy_assignment_action",
            [("status", "in", [rules.OVERDUE, rules.EXPIRED])],
        )
