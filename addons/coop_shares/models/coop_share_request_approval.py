# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose (as OCA contract).
# pylint: disable=consider-merging-classes-inherited
"""Approval of share requests: the checks of each request type before its effects."""

from decimal import Decimal

from odoo import _, models
from odoo.exceptions import UserError

from odoo.addons.coop_base import membership_rules

from ..share_rules import (
    check_holding_limits,
    check_membership_minimum,
    check_redemption,
    check_redemption_allowed,
    check_transfer,
    fiscal_year_bounds,
    redemption_limit_base,
)
from .coop_share_request import OPEN_MEMBERSHIP_STATES, PENDING_STATES


class CoopShareRequest(models.Model):
    _inherit = "coop.share.request"

    def _approve(self):
        self.ensure_one()
        self._check_request_values()
        handler = {
            "subscription": self._approve_subscription,
            "transfer": self._approve_transfer,
            "conversion": self._approve_conversion,
            "redemption": self._approve_redemption,
        }[self.request_type]
        handler()
        self.message_post(body=_("Approved by %(user)s.", user=self.env.user.name))

    def _mark_approved(self):
        """Called by each approval once its checks passed."""
        self._coop_workflow().write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approval_date": self.company_id._coop_today(),
            }
        )

    def _holding(self, membership, share_class):
        return (
            self.env["coop.share.line"]
            ._get_holdings(
                [("membership_id", "=", membership.id), ("class_id", "=", share_class.id)]
            )
            .get((membership.id, share_class.id), 0)
        )

    def _pending_quantities(self, membership, request_type, states=PENDING_STATES):
        """{class id: quantity} of requests of a kind not yet in the register (approved
        ones by default)."""
        groups = self.sudo()._read_group(
            [
                ("membership_id", "=", membership.id),
                ("request_type", "=", request_type),
                ("state", "in", states),
                ("id", "!=", self.id),
            ],
            ["class_id"],
            ["quantity:sum"],
        )
        return {share_class.id: quantity for share_class, quantity in groups}

    def _pending_quantity(self, membership, share_class, request_type):
        return self._pending_quantities(membership, request_type).get(share_class.id, 0)

    def _lock_membership(self, membership):
        """Serialise the approvals that add shares to one member, as
        ``coop.share.class._lock_for_debit`` does for those taking shares out: the
        second of two concurrent approvals fails to serialise, and its retry sees
        the first one's shares when it checks the limits."""
        if membership:
            self.env.cr.execute(
                "UPDATE coop_membership SET write_date = write_date WHERE id = %s",
                [membership.id],
            )

    def _check_acquisition(
        self, membership, share_class, quantity, new_capital=True, released=(0, 0.0)
    ):
        """Holding limits for ``membership`` receiving ``quantity`` shares of ``share_class``.

        Approved requests not yet in the register count as held. ``new_capital``
        is False when the shares are already in the co-op's capital (a transfer, a
        conversion); ``released`` is the (quantity, value) of the shares the member
        gives up in the same move (a conversion).
        """
        self._lock_membership(membership)
        Line = self.env["coop.share.line"]
        company = share_class.company_id
        held = Line._get_holdings([("membership_id", "=", membership.id)])
        pending = self._pending_quantities(membership, "subscription")
        released_quantity, released_value = released
        holding_after = (
            held.get((membership.id, share_class.id), 0) + pending.get(share_class.id, 0) + quantity
        )
        member_shares_after = (
            sum(held.values()) + sum(pending.values()) + quantity - released_quantity
        )
        rules = share_class._rules()
        member_capital = total_capital = Decimal(0)
        if rules.max_capital_percent:
            pending_amounts = self.sudo()._read_group(
                [
                    ("company_id", "=", company.id),
                    ("request_type", "=", "subscription"),
                    ("state", "in", PENDING_STATES),
                    ("id", "!=", self.id),
                ],
                ["membership_id"],
                ["amount:sum"],
            )
            pending_total = sum(amount for _membership, amount in pending_amounts)
            pending_member = sum(
                amount
                for pending_membership, amount in pending_amounts
                if pending_membership == membership
            )
            capital = Line._get_capital([("company_id", "=", company.id)])
            member_holding = Line._get_capital([("membership_id", "=", membership.id)])
            added = Decimal(str(share_class.nominal_value)) * quantity
            member_capital = (
                Decimal(str(sum(amount for _quantity, amount in member_holding.values())))
                + Decimal(str(pending_member))
                + added
                - Decimal(str(released_value))
            )
            total_capital = (
                Decimal(str(sum(amount for _quantity, amount in capital.values())))
                + Decimal(str(pending_total))
                + (added if new_capital else 0)
            )
        self._run_rule(
            check_holding_limits,
            rules,
            holding_after,
            member_shares_after,
            member_capital,
            total_capital,
            company_max=company.coop_max_shares_per_member,
        )

    def _check_release(self, membership, share_class, quantity, states=PENDING_STATES):
        """Shares leaving ``membership``: enough free shares, minimum kept or everything given
        up. Redemptions in ``states`` already claim their shares."""
        holding = self._holding(membership, share_class) - self._pending_quantities(
            membership, "redemption", states
        ).get(share_class.id, 0)
        if quantity > holding:
            raise UserError(
                _(
                    "%(member)s holds %(holding)s free %(share_class)s shares, fewer than "
                    "%(quantity)s.",
                    member=membership.display_name,
                    holding=holding,
                    share_class=share_class.display_name,
                    quantity=quantity,
                )
            )
        self._run_rule(check_membership_minimum, share_class._rules(), holding - quantity)

    def _check_submission(self):
        """The limits a member can be told about when filing a request, by the rules the
        approval applies: the holding limits of a subscription, and for a redemption
        the shares held and not already claimed by another redemption."""
        for request in self:
            if request.request_type == "subscription":
                request._check_acquisition(
                    request.membership_id, request.class_id, request.quantity
                )
            elif request.request_type == "redemption":
                request._run_rule(check_redemption_allowed, request.class_id._rules())
                request._check_release(
                    request.membership_id,
                    request.class_id,
                    request.quantity,
                    states=("submitted", *PENDING_STATES),
                )

    def _approve_subscription(self):
        if self.membership_id.state not in OPEN_MEMBERSHIP_STATES:
            raise UserError(
                _("%(member)s cannot subscribe shares.", member=self.membership_id.display_name)
            )
        self._check_acquisition(self.membership_id, self.class_id, self.quantity)
        self._mark_approved()
        self._post_capital_document()

    def _approve_redemption(self):
        share_class = self.class_id
        share_class._lock_for_debit()
        company = self.company_id
        today = company._coop_today()
        fy_start, fy_end = fiscal_year_bounds(
            today,
            int(company.coop_fiscal_year_end_month or 12),
            company.coop_fiscal_year_end_day or 31,
        )
        committed = (
            self.sudo()._read_group(
                [
                    ("class_id", "=", share_class.id),
                    ("request_type", "=", "redemption"),
                    ("state", "in", (*PENDING_STATES, "done")),
                    ("approval_date", ">=", fy_start),
                    ("approval_date", "<=", fy_end),
                    ("id", "!=", self.id),
                ],
                [],
                ["amount:sum"],
            )[0][0]
            or 0.0
        )
        daily_capital = (
            self.env["coop.share.line"]
            .sudo()
            ._read_group(
                [("class_id", "=", share_class.id), ("date", "<=", today)],
                ["date:day"],
                ["amount:sum"],
            )
        )
        holding = self._holding(self.membership_id, share_class) - self._pending_quantity(
            self.membership_id, share_class, "redemption"
        )
        self._run_rule(
            check_redemption,
            share_class._rules(),
            self.quantity,
            holding,
            self.env["coop.share.line"]._acquisitions(self.membership_id, share_class),
            self.request_date,
            today,
            Decimal(str(committed)),
            redemption_limit_base(fy_start, daily_capital),
        )
        self._check_release(self.membership_id, share_class, self.quantity)
        self._mark_approved()
        self._post_capital_document()

    def _approve_transfer(self):
        share_class = self.class_id
        share_class._lock_for_debit()
        Membership = self.env["coop.membership"]
        target = Membership._get_membership(self.target_partner_id, self.company_id)
        if target.state not in membership_rules.CURRENT_STATES:
            # a former member applies again by receiving, as anyone new does
            target = Membership
        if target and target.state not in OPEN_MEMBERSHIP_STATES:
            raise UserError(_("%(member)s cannot receive shares.", member=target.display_name))
        self._run_rule(check_transfer, share_class._rules(), self.membership_id.id, target.id)
        self._check_release(self.membership_id, share_class, self.quantity)
        self._check_acquisition(target, share_class, self.quantity, new_capital=False)
        self._mark_approved()
        if not target:
            # the receiver applies by receiving; coop_base admits them once the minimum is held
            target = Membership._coop_apply(self.target_partner_id, self.company_id)
        self._coop_workflow().target_membership_id = target
        amount = self.amount
        move = self._post_capital_entry(
            [
                (share_class.equity_account_id, self.partner_id, amount, 0.0),
                (share_class.equity_account_id, target.partner_id, 0.0, amount),
            ]
        )
        self._post_lines(
            [
                (self.membership_id, share_class, -self.quantity, "transfer_out"),
                (target, share_class, self.quantity, "transfer_in"),
            ],
            move,
        )

    def _approve_conversion(self):
        source, target_class = self.class_id, self.target_class_id
        source._lock_for_debit()
        self._check_release(self.membership_id, source, self.quantity)
        self._check_acquisition(
            self.membership_id,
            target_class,
            self.target_quantity,
            new_capital=False,
            released=(self.quantity, self.amount),
        )
        self._mark_approved()
        move = self._post_capital_entry(
            [
                (source.equity_account_id, self.partner_id, self.amount, 0.0),
                (target_class.equity_account_id, self.partner_id, 0.0, self.amount),
            ]
        )
        self._post_lines(
            [
                (self.membership_id, source, -self.quantity, "conversion_out"),
                (self.membership_id, target_class, self.target_quantity, "conversion_in"),
            ],
            move,
        )
