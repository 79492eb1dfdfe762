# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose (as OCA contract).
# pylint: disable=consider-merging-classes-inherited
"""Membership consequences of register changes for share requests."""

from collections import defaultdict

from odoo import _, models

from ..share_rules import membership_change


class CoopShareRequest(models.Model):
    _inherit = "coop.share.request"

    def _apply_membership_consequences(self, lines):
        """Admit applicants whose payments complete the co-op's admission rule, withdraw
        members that an outflow left under a required minimum; coop_base decides, through
        its own API. ``lines`` is the whole batch of register entries just posted: it is
        netted per member and class, so its order does not matter."""
        holdings = self.env["coop.share.line"]._get_holdings(
            [("membership_id", "in", lines.membership_id.ids)]
        )
        changes = defaultdict(int)
        request_names = defaultdict(set)
        for line in lines:
            changes[line.membership_id, line.class_id] += line.quantity
            request_names[line.membership_id].add(line.request_id.name)
        required_by_company = {
            company: [
                (share_class, share_class._rules())
                for share_class in company._coop_required_share_classes()
            ]
            for company in lines.company_id
        }
        for membership, names in request_names.items():
            company = membership.company_id
            change = membership_change(
                membership.state,
                [
                    (
                        rules,
                        holdings.get((membership.id, share_class.id), 0),
                        changes[membership, share_class],
                    )
                    for share_class, rules in required_by_company[company]
                ],
                company.coop_admission_rule,
                *membership._coop_fee_status(),
            )
            source = ", ".join(sorted(name for name in names if name))
            if change == "admit":
                membership._coop_admit(
                    _("Holds the required shares (%(request)s).", request=source)
                )
            elif change == "withdraw":
                membership._coop_withdraw(
                    _("No longer holds the required shares (%(request)s).", request=source)
                )
