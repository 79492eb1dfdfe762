# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Share register rules as plain functions (no ORM).

Models gather the figures from the database, call these functions and turn a
:class:`ShareRuleError` into a translated user error through its ``code``.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from odoo.addons.coop_base import membership_rules


class ShareRuleError(Exception):
    """A broken share rule; ``code`` names the rule, ``params`` fill its message."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(code, params)


@dataclass(frozen=True)
class ClassRules:
    """The co-op rules of one share class (0 means "no limit" for the maxima)."""

    nominal_value: Decimal
    min_quantity: int = 0
    required_for_membership: bool = False
    max_quantity: int = 0
    max_capital_percent: float = 0.0
    transferable: bool = True
    redeemable: bool = True
    notice_period_days: int = 0
    lockup_months: int = 0
    yearly_redemption_percent: float = 0.0


# An integer column holds no more; a larger quantity is a typing error.
MAX_QUANTITY = 2**31 - 1


def check_positive_quantity(quantity):
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        raise ShareRuleError("quantity_not_positive", quantity=quantity)
    if quantity > MAX_QUANTITY:
        raise ShareRuleError("quantity_too_large", quantity=quantity, maximum=MAX_QUANTITY)


def check_holding_limits(
    rules,
    holding_after,
    member_shares_after,
    member_capital_after,
    total_capital_after,
    company_max=0,
):
    """Limits on what one member may hold after acquiring shares of a class.

    ``holding_after`` counts the member's shares of this class,
    ``member_shares_after`` those of every class: the co-op wide maximum of shares
    per member (``company_max``, 0 = none) applies across classes, as bylaws set
    it. ``member_capital_after`` and ``total_capital_after`` are the member's and
    the co-op's capital over all classes.
    """
    if rules.max_quantity and holding_after > rules.max_quantity:
        raise ShareRuleError("over_max_quantity", holding=holding_after, maximum=rules.max_quantity)
    if company_max and member_shares_after > company_max:
        raise ShareRuleError(
            "over_coop_max_quantity", holding=member_shares_after, maximum=company_max
        )
    if rules.max_capital_percent and total_capital_after > 0:
        percent = Decimal(member_capital_after) * 100 / Decimal(total_capital_after)
        if percent > Decimal(str(rules.max_capital_percent)):
            raise ShareRuleError(
                "over_max_capital_percent",
                percent=round(float(percent), 2),
                maximum=rules.max_capital_percent,
            )


def check_membership_minimum(rules, holding_after, withdrawing=False):
    """A member may not fall under the minimum of a required class unless leaving.

    Giving up every share of the class is leaving; the caller then withdraws the member.
    """
    if not rules.required_for_membership or withdrawing:
        return
    if 0 < holding_after < rules.min_quantity:
        raise ShareRuleError(
            "under_membership_minimum", holding=holding_after, minimum=rules.min_quantity
        )


def reaches_membership_minimum(rules, holding):
    return rules.required_for_membership and holding >= max(rules.min_quantity, 1)


def falls_under_membership_minimum(rules, holding):
    return rules.required_for_membership and holding < max(rules.min_quantity, 1)


# The co-op's admission rule, a setting of the co-op.
ADMISSION_ON_APPROVAL = "approval"  # the board's approval admits
ADMISSION_ONCE_PAID = "paid"  # paying the fee and the required shares admits


def missing_required_shares(required_holdings):
    """``[(index, held, minimum)]`` of the required classes held under their minimum.

    ``required_holdings`` pairs the rules of each class required for membership
    with the quantity held; ``index`` points into it.
    """
    return [
        (index, held, max(rules.min_quantity, 1))
        for index, (rules, held) in enumerate(required_holdings)
        if not reaches_membership_minimum(rules, held)
    ]


def admission_due(required_holdings, fee_due=False, fee_paid=False):
    """Whether payments admit an applicant under the rule "once the fee and the
    required shares are paid": something is asked (a required class or a fee) and
    all of it is paid. When nothing is asked, only the board admits.
    """
    if not required_holdings and not fee_due:
        return False
    return not missing_required_shares(required_holdings) and (fee_paid or not fee_due)


def withdrawal_due(required_changes):
    """Whether a register change withdraws a member.

    ``required_changes`` gives, per class required for membership, ``(rules,
    holding after, net quantity of the change)``. The change is a whole batch of
    register entries netted per class, so the order in which its entries were
    settled does not matter. Only an outflow leaving a required class under its
    minimum withdraws: buying shares of any class never does, nor does a holding
    under the minimum that the board admitted as it was.
    """
    return any(
        change < 0 and falls_under_membership_minimum(rules, held)
        for rules, held, change in required_changes
    )


def membership_change(
    state, required_changes, rule=ADMISSION_ONCE_PAID, fee_due=False, fee_paid=False
):
    """What a register change means for a membership: "admit", "withdraw" or None.

    ``required_changes`` as for :func:`withdrawal_due`. An applicant is admitted
    when the co-op admits once paid (``rule``) and :func:`admission_due` holds
    with the fee's state; a member, suspended or not, is withdrawn when
    :func:`withdrawal_due` holds.
    """
    if state == membership_rules.APPLICANT:
        holdings = [(rules, held) for rules, held, _change in required_changes]
        if rule == ADMISSION_ONCE_PAID and admission_due(holdings, fee_due, fee_paid):
            return "admit"
        return None
    if state in (membership_rules.MEMBER, membership_rules.SUSPENDED) and withdrawal_due(
        required_changes
    ):
        return "withdraw"
    return None


def settlement_lines(request_type, pending_account, equity_account, amount):
    """``[(account, debit, credit)]`` settling a paid capital document.

    A paid subscription moves its amount from the pending account into equity; a
    paid redemption moves it out of equity.
    """
    if request_type == "subscription":
        return [(pending_account, amount, 0.0), (equity_account, 0.0, amount)]
    if request_type == "redemption":
        return [(equity_account, amount, 0.0), (pending_account, 0.0, amount)]
    raise ValueError(f"no capital document settles a {request_type}")


def settlement_register_entry(request_type, quantity):
    """``(signed quantity, operation)`` of the register entry of a paid capital document."""
    if request_type == "subscription":
        return quantity, "issue"
    if request_type == "redemption":
        return -quantity, "redemption"
    raise ValueError(f"no capital document settles a {request_type}")


def counter_lines(lines):
    """Lines ``(account, partner, debit, credit)`` undoing ``lines``: debit and credit swap."""
    return [(account, partner, credit, debit) for account, partner, debit, credit in lines]


def check_transfer(rules, from_key, to_key):
    if not rules.transferable:
        raise ShareRuleError("not_transferable")
    if from_key == to_key:
        raise ShareRuleError("transfer_to_self")


def check_conversion_value(from_rules, from_quantity, to_rules, to_quantity):
    """A conversion keeps the capital unchanged: both sides carry the same value."""
    out_value = from_rules.nominal_value * from_quantity
    in_value = to_rules.nominal_value * to_quantity
    if out_value != in_value:
        raise ShareRuleError("conversion_value_mismatch", out_value=out_value, in_value=in_value)


def add_months(day, months):
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def redeemable_quantity(holding, acquisitions, lockup_months, on_date):
    """Shares that left lock-up: the holding less what was acquired during the lock-up.

    ``acquisitions`` is an iterable of ``(date, quantity)`` for incoming entries.
    """
    if not lockup_months:
        return holding
    cutoff = add_months(on_date, -lockup_months)
    locked = sum(quantity for acquired_on, quantity in acquisitions if acquired_on > cutoff)
    return max(0, holding - locked)


def fiscal_year_bounds(on_date, end_month, end_day):
    """First and last day of the fiscal year containing ``on_date``."""

    def year_end(year):
        return date(year, end_month, min(end_day, calendar.monthrange(year, end_month)[1]))

    end = year_end(on_date.year)
    if on_date > end:
        end = year_end(on_date.year + 1)
    start = year_end(end.year - 1) + timedelta(days=1)
    return start, end


def redemption_limit_base(year_start, daily_capital):
    """The class capital that the yearly redemption limit is a percentage of.

    ``daily_capital`` holds ``(date, capital change)`` of the class's register
    entries. The base is the capital at the start of the fiscal year; when the
    class held nothing then (its first year, usually the co-op's), it is the
    capital at the end of the day of its first issue, so the limit works from the
    first year rather than refusing every redemption.
    """
    changes = defaultdict(Decimal)
    for day, change in daily_capital:
        changes[day] += Decimal(str(change))
    at_start = sum((change for day, change in changes.items() if day < year_start), Decimal(0))
    if at_start > 0:
        return at_start
    later = sorted(day for day in changes if day >= year_start)
    return at_start + changes[later[0]] if later else at_start


def check_redemption_allowed(rules):
    if not rules.redeemable:
        raise ShareRuleError("not_redeemable")


def check_redemption(
    rules,
    quantity,
    holding,
    acquisitions,
    request_date,
    on_date,
    redeemed_this_year,
    limit_base,
):
    """Redemption rules at approval time.

    ``redeemed_this_year`` is the value already approved or paid for redemption in
    the current fiscal year, ``limit_base`` the class capital the yearly limit is a
    percentage of (see :func:`redemption_limit_base`).
    """
    check_positive_quantity(quantity)
    check_redemption_allowed(rules)
    if quantity > holding:
        raise ShareRuleError("over_holding", quantity=quantity, holding=holding)
    notice_end = request_date + timedelta(days=rules.notice_period_days)
    if on_date < notice_end:
        raise ShareRuleError("inside_notice", notice_end=notice_end)
    free = redeemable_quantity(holding, acquisitions, rules.lockup_months, on_date)
    if quantity > free:
        raise ShareRuleError(
            "inside_lockup", quantity=quantity, free=free, months=rules.lockup_months
        )
    if rules.yearly_redemption_percent:
        limit = Decimal(limit_base) * Decimal(str(rules.yearly_redemption_percent)) / 100
        amount = rules.nominal_value * quantity
        if Decimal(redeemed_this_year) + amount > limit:
            raise ShareRuleError(
                "over_yearly_limit",
                amount=amount,
                used=Decimal(redeemed_this_year),
                limit=limit,
            )


def fold_holdings(rows, on_date=None):
    """Holdings per key from ledger rows ``(key, date, quantity)`` up to ``on_date``."""
    holdings = defaultdict(int)
    for key, entry_date, quantity in rows:
        if on_date is None or entry_date <= on_date:
            holdings[key] += quantity
    return dict(holdings)


def lowest_running_holdings(existing_rows, new_rows):
    """Lowest end-of-day holding per key once ``new_rows`` join ``existing_rows``.

    Rows are ``(key, date, quantity)``. Only keys touched by ``new_rows`` are
    returned; a negative value means some day would show a negative holding.
    """
    keys = {key for key, _entry_date, _quantity in new_rows}
    per_day = defaultdict(lambda: defaultdict(int))
    for key, entry_date, quantity in list(existing_rows) + list(new_rows):
        if key in keys:
            per_day[key][entry_date] += quantity
    lowest = {}
    for key in keys:
        running = 0
        lowest[key] = 0
        for entry_date in sorted(per_day[key]):
            running += per_day[key][entry_date]
            lowest[key] = min(lowest[key], running)
    return lowest
