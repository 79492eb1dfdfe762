# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose (as OCA contract).
# pylint: disable=consider-merging-classes-inherited
"""Membership consequences of register changes for share requests."""

from odoo import _, models

from ..share_rules import membership_change


class CoopShareRequest(models.Model):
    _inherit = "coop.share.request"

    def _apply_membership_consequences(self, lines):
        """Admit applicants reaching a required minimum, withdraw members left without one."""
        holdings = self.env["coop.share.line"]._get_holdings(
            [("membership_id", "in", lines.membership_id.ids)]
        )
        request_names = {}
        for line in lines:
            request_names.setdefault(line.membership_id, set()).add(line.request_id.name)
        required_by_company = {
            company: [
                (share_class, share_class._rules())
                for share_class in company._coop_required_share_classes()
            ]
            for company in lines.company_id
        }
        for membership, names in request_names.items():
            change = membership_change(
                membership.state,
                [
                    (rules, holdings.get((membership.id, share_class.id), 0))
                    for share_class, rules in required_by_company[membership.company_id]
                ],
            )
            source = ", ".join(sorted(names))
            if change == "admit":
                membership._coop_admit(
                    _("Holds the required shares (%(request)s).", request=source)
                )
            elif change == "withdraw":
                membership._coop_withdraw(
                    _("No longer holds the required shares (%(request)s).", request=source)
                )
