# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The arithmetic of patronage, in plain Python: no ORM here.

Amounts are whole cents (int); percentages and patronage measures are
Decimal or int, never float, so that every result is exact. The models
call these functions and the tests call them directly.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# What happens to a loss (a negative surplus), as the bylaws choose.
LOSS_RESERVE = "reserve"  # charged to the collective reserve
LOSS_CARRY_FORWARD = "carry_forward"  # netted against the next surpluses
LOSS_INDIVIDUAL = "individual"  # charged to members' capital accounts by patronage
LOSS_OPTIONS = (LOSS_RESERVE, LOSS_CARRY_FORWARD, LOSS_INDIVIDUAL)

# Subchapter T (IRC 1388(c)): a written notice of allocation is qualified only
# if at least 20 % of the patronage dividend is paid in cash.
QUALIFIED_MIN_CASH_PERCENT = Decimal(20)


class PatronageRuleError(ValueError):
    """A rule of the allocation is broken; ``code`` and ``params`` say which,
    so that the caller words it in the user's language."""

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass
class Allocation:
    """The split of one period's surplus; every amount in cents."""

    surplus: int
    carried_in: int = 0  # loss brought forward from earlier periods (<= 0)
    reserve: int = 0
    education: int = 0
    pool: int = 0
    carried_loss: int = 0  # loss left to net against later surpluses (<= 0)
    members: dict = field(default_factory=dict)  # key -> (allocated, cash, retained)

    @property
    def distributed(self):
        """What the allocation entry moves out of the period's earnings."""
        return self.reserve + self.education + self.pool

    def accounted(self):
        """Every cent of the surplus has a place: this always equals ``surplus``."""
        members = sum(allocated for allocated, _cash, _retained in self.members.values())
        return self.reserve + self.education + members + self.carried_loss - self.carried_in


def to_cents(amount):
    """Cents of an amount given in currency units (Decimal, int or str), half up."""
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_of(cents, percent):
    """``percent`` % of ``cents``, rounded half away from zero to the cent."""
    value = Decimal(cents) * Decimal(str(percent)) / 100
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def largest_remainder(total, weights):
    """Split ``total`` cents in proportion to ``weights`` (key -> weight >= 0).

    The rule (Hamilton's): each key gets the whole cents of its exact quota;
    the cents left over go one each to the keys with the largest fractional
    parts, ties broken by key order. The parts always sum to ``total``
    exactly, and no part is more than one cent from its exact quota. A
    negative total is split as its opposite, then negated.
    """
    weights = {key: Fraction(str(weight)) for key, weight in weights.items()}
    if any(weight < 0 for weight in weights.values()):
        raise PatronageRuleError("negative_weight")
    whole = sum(weights.values())
    if not total:
        return dict.fromkeys(weights, 0)
    if not whole:
        raise PatronageRuleError("no_patronage")
    sign, total = (-1, -total) if total < 0 else (1, total)
    quotas = {key: total * weight / whole for key, weight in weights.items()}
    parts = {key: int(quota) for key, quota in quotas.items()}
    left = total - sum(parts.values())
    by_remainder = sorted(quotas, key=lambda key: (-(quotas[key] - parts[key]), key))
    for key in by_remainder[:left]:
        parts[key] += 1
    return {key: sign * part for key, part in parts.items()}


def check_percentages(reserve_percent, education_percent, cash_percent):
    for name, value in (
        ("reserve", reserve_percent),
        ("education", education_percent),
        ("cash", cash_percent),
    ):
        if not 0 <= Decimal(str(value)) <= 100:
            raise PatronageRuleError("percent_range", name=name, value=value)
    if Decimal(str(reserve_percent)) + Decimal(str(education_percent)) > 100:
        raise PatronageRuleError(
            "reserves_over_100", reserve=reserve_percent, education=education_percent
        )


def allocate(
    surplus,
    patronage,
    reserve_percent=0,
    education_percent=0,
    cash_percent=100,
    loss_option=LOSS_RESERVE,
    carried_loss=0,
):
    """Split a period's ``surplus`` (cents) between the collective reserve, the
    education fund and the members, by their ``patronage`` (key -> measure).

    A loss brought forward (``carried_loss`` <= 0) is netted first. Reserve
    and education fund take their percentages of what remains, rounded to
    the cent; the members' pool is the rest, split by largest remainder, and
    each member's part into cash (``cash_percent``, rounded) and retained.
    A loss is never split silently: ``loss_option`` says where it goes.
    """
    check_percentages(reserve_percent, education_percent, cash_percent)
    if loss_option not in LOSS_OPTIONS:
        raise PatronageRuleError("loss_option", option=loss_option)
    if carried_loss > 0:
        raise PatronageRuleError("carried_loss_positive", amount=carried_loss)
    result = Allocation(surplus=surplus, carried_in=carried_loss)
    net = surplus + carried_loss
    if net < 0:
        if surplus >= 0 or loss_option == LOSS_CARRY_FORWARD:
            # the surplus (if any) absorbs part of the old loss; the rest waits
            result.carried_loss = net
        elif loss_option == LOSS_RESERVE:
            result.reserve = surplus
            result.carried_loss = carried_loss
        else:
            result.carried_loss = carried_loss
            parts = largest_remainder(surplus, _positive(patronage))
            result.members = {key: (part, 0, part) for key, part in parts.items() if part}
            result.pool = surplus
        return result
    result.reserve = percent_of(net, reserve_percent)
    result.education = percent_of(net, education_percent)
    result.pool = net - result.reserve - result.education
    for key, part in largest_remainder(result.pool, _positive(patronage)).items():
        if part:
            cash = percent_of(part, cash_percent)
            result.members[key] = (part, cash, part - cash)
    return result


def _positive(patronage):
    """Members with some patronage (a member with none gets no allocation)."""
    return {key: measure for key, measure in patronage.items() if measure and measure > 0}


def membership_share(period_start, period_end, admitted, ended=None):
    """Fraction of the period (both ends included) during which a membership
    ran, for eligibility pro rata to membership days."""
    start = max(period_start, admitted)
    end = min(period_end, ended - datetime.timedelta(days=1)) if ended else period_end
    if end < start:
        return Fraction(0)
    return Fraction((end - start).days + 1, (period_end - period_start).days + 1)


def payment_deadline(fiscal_year_end):
    """Last day to pay patronage dividends of a year so that they count for it:
    the 15th day of the 9th month after the year ends (IRC 1382(d))."""
    month_index = fiscal_year_end.month + 8  # zero-based months after January
    return datetime.date(fiscal_year_end.year + month_index // 12, month_index % 12 + 1, 15)


def fiscal_year_end(year, month, day):
    """The fiscal year end of ``year`` with the co-op's end month and day,
    moved to the month's last day where the month is shorter (29 Feb)."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def revolving_year(allocation_year, revolving_years):
    """The year in which a retained allocation is due to be retired, when the
    co-op revolves its oldest allocations after ``revolving_years`` years."""
    return allocation_year + revolving_years if revolving_years else None


def is_qualified(cash_percent, consent):
    """A written notice of allocation is qualified when the member consented
    (bylaw, signed consent or endorsed check) and 20 % or more is paid in cash."""
    return bool(consent) and Decimal(str(cash_percent)) >= QUALIFIED_MIN_CASH_PERCENT


def nonqualified_redeemed(credits, debits, tax_year):
    """Cents of the redemptions paid in ``tax_year`` that retire nonqualified
    notices (Form 1099-PATR box 5: their retained part is taxed when redeemed,
    a qualified one's was taxed when allocated).

    ``credits``: the member's retained allocations, (allocation year, cents,
    qualified); ``debits``: what leaves the capital account in date order,
    (date, cents, is_redemption) — losses charged to it are debits too. Debits
    retire the oldest allocation years first, as the revolving fund does.
    """
    queue = [[year, cents, qualified] for year, cents, qualified in sorted(credits) if cents > 0]
    box5 = 0
    for date, cents, is_redemption in debits:
        while cents > 0 and queue:
            taken = min(cents, queue[0][1])
            if is_redemption and date.year == tax_year and not queue[0][2]:
                box5 += taken
            cents -= taken
            queue[0][1] -= taken
            if not queue[0][1]:
                queue.pop(0)
    return box5
