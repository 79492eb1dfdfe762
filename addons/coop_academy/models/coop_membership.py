from odoo import models

from .. import academy_rules as rules


class CoopMembership(models.Model):
    _inherit = "coop.membership"

    def _apply_transition_on(self, action, reason, date):
        result = super()._apply_transition_on(action, reason, date)
        if action == "approve":
            self._coop_academy_enrol("admission", date)
        return result

    def _coop_academy_enrol(self, trigger, date, body=None, seats=None):
        """Put these memberships under their co-op's requirements of
        ``trigger`` (for a seat: of the seat's kind of body) from ``date``."""
        Assignment = self.env["coop.academy.assignment"]
        for company in self.company_id:
            requirements = (
                self.env["coop.academy.requirement"]
                .sudo()
                .search([("company_id", "=", company.id), ("trigger", "=", trigger)])
            )
            if body:
                requirements = requirements.filtered(lambda r: r._matches_body(body))
            members = self.filtered(lambda m, c=company: m.company_id == c)
            for requirement in requirements:
                Assignment._coop_assign(requirement, members, date, seats=seats)

    def _coop_academy_behind(self):
        """These members' lines of the training matrix that are overdue or
        expired."""
        return (
            self.env["coop.academy.assignment"]
            .sudo()
            .search(
                [
                    ("membership_id", "in", self.ids),
                    ("status", "in", (rules.OVERDUE, rules.EXPIRED)),
                ]
            )
        )

    def _coop_academy_missing_for_candidacy(self, body):
        """{membership: requirements of candidacy for ``body`` it does not
        hold today}."""
        requirements = (
            self.env["coop.academy.requirement"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids), ("trigger", "=", "candidacy")])
            .filtered(lambda r: r._matches_body(body))
        )
        if not requirements:
            return {}
        completed = self.env["slide.channel"]._coop_completion_dates(
            self.partner_id, requirements.channel_id
        )
        missing = {}
        for membership in self:
            today = membership.company_id._coop_today()
            for requirement in requirements.filtered(
                lambda r, m=membership: r.company_id == m.company_id
            ):
                done = completed.get((membership.partner_id.id, requirement.channel_id.id))
                expiry = done and rules.expiry_date(done, requirement.validity_months)
                if not rules.holds(today, done, expiry):
                    missing.setdefault(membership, []).append(requirement)
        return missing
