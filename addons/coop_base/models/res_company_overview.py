# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
from collections import Counter

from markupsafe import Markup, escape

from odoo import fields, models

from .. import membership_rules as rules


class ResCompany(models.Model):
    """The Cooperative overview: one card per co-op the user works in, the
    app's landing page. coop_base fills the membership part; other addons add
    their fields and a section of the card (view inheritance of
    ``res_company_view_kanban_coop_overview``). Each figure is one grouped
    query for all the cards shown."""

    _inherit = "res.company"

    coop_member_count = fields.Integer(
        string="Members in Good Standing", compute="_compute_coop_overview_members"
    )
    coop_applicant_count = fields.Integer(
        string="Applications to Review", compute="_compute_coop_overview_members"
    )
    coop_suspended_count = fields.Integer(
        string="Suspended Members", compute="_compute_coop_overview_members"
    )
    coop_overview_classes = fields.Html(
        string="Members by Class", compute="_compute_coop_overview_members", sanitize=False
    )

    def _compute_coop_overview_members(self):
        groups = (
            self.env["coop.membership"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "in", self.ids),
                    ("state", "in", [rules.APPLICANT, rules.MEMBER, rules.SUSPENDED]),
                ],
                ["company_id", "state", "member_class_id"],
                ["__count"],
            )
        )
        counts = Counter()
        classes = {}
        for company, state, member_class, count in groups:
            counts[company.id, state] += count
            if state == rules.MEMBER:
                classes.setdefault(company.id, Counter())[member_class.name or ""] += count
        for company in self:
            company.coop_member_count = counts[company.id, rules.MEMBER]
            company.coop_applicant_count = counts[company.id, rules.APPLICANT]
            company.coop_suspended_count = counts[company.id, rules.SUSPENDED]
            by_class = classes.get(company.id, Counter())
            company.coop_overview_classes = Markup("").join(
                Markup("<li>%s: <strong>%s</strong></li>")
                % (escape(name or self.env._("No class")), count)
                for name, count in sorted(by_class.items())
            )

    def _coop_overview_action(self, xmlid, domain=(), context=None):
        """An action of the app, narrowed to this co-op."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("company_id", "=", self.id), *domain]
        action["context"] = dict(context or {})
        return action

    def action_coop_overview_members(self):
        return self._coop_overview_action(
            "coop_base.coop_membership_action", context={"search_default_member": 1}
        )

    def action_coop_overview_applications(self):
        return self._coop_overview_action(
            "coop_base.coop_membership_action_applications",
            context={"search_default_applicant": 1},
        )
