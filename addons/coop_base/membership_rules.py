"""Membership state machine and date rules, kept free of the ORM.

The models call these functions; the tests exercise them directly.
"""

import calendar

APPLICANT = "applicant"
MEMBER = "member"
SUSPENDED = "suspended"
WITHDRAWN = "withdrawn"
EXPELLED = "expelled"
DECEASED = "deceased"
REJECTED = "rejected"

STATES = (APPLICANT, MEMBER, SUSPENDED, WITHDRAWN, EXPELLED, DECEASED, REJECTED)

# States a membership never leaves: the register keeps them as history.
FINAL_STATES = frozenset({WITHDRAWN, EXPELLED, DECEASED, REJECTED})

# States of a membership still running: a partner has at most one such
# membership per co-op (a database constraint), and may apply again only
# once every earlier one has ended.
CURRENT_STATES = frozenset(STATES) - FINAL_STATES

# States that were admitted at some point, so the membership may appear in
# the register as of a past date.
ADMITTED_STATES = frozenset({MEMBER, SUSPENDED, WITHDRAWN, EXPELLED, DECEASED})

# action -> (states it may start from, state it leads to)
TRANSITIONS = {
    "approve": (frozenset({APPLICANT}), MEMBER),
    "reject": (frozenset({APPLICANT}), REJECTED),
    "suspend": (frozenset({MEMBER}), SUSPENDED),
    "reinstate": (frozenset({SUSPENDED}), MEMBER),
    "withdraw": (frozenset({MEMBER, SUSPENDED}), WITHDRAWN),
    "expel": (frozenset({MEMBER, SUSPENDED}), EXPELLED),
    "mark_deceased": (frozenset({MEMBER, SUSPENDED}), DECEASED),
}

# Actions that need a written reason (kept in the register and the chatter).
REASON_REQUIRED = frozenset({"reject", "suspend", "withdraw", "expel", "mark_deceased"})

# Actions that end the membership, hence set its end date.
ENDING_ACTIONS = frozenset({"withdraw", "expel", "mark_deceased"})


class IllegalTransition(ValueError):
    """An action was requested from a state that does not allow it."""

    def __init__(self, action, state):
        self.action = action
        self.state = state
        super().__init__(f"'{action}' is not allowed from state '{state}'")


def target_state(action, state):
    """Return the state ``action`` leads to from ``state``.

    Raise ``IllegalTransition`` when the table does not allow it and
    ``KeyError`` for an unknown action.
    """
    sources, target = TRANSITIONS[action]
    if state not in sources:
        raise IllegalTransition(action, state)
    return target


def allowed_actions(state):
    """Actions that may be applied to a membership in ``state``, sorted."""
    return sorted(action for action, (sources, _target) in TRANSITIONS.items() if state in sources)


def application_refusal(previous_states, by_board=False):
    """Why a partner may not apply to a co-op, or None when they may.

    ``previous_states`` are the states of the partner's memberships in that
    co-op, oldest first. A withdrawn or rejected partner may apply again
    (a new membership, the old one stays in the register); after an
    expulsion only the board (``by_board``) accepts a new application; a
    deceased member never returns. Returns "current", "expelled" or
    "deceased".
    """
    if any(state in CURRENT_STATES for state in previous_states):
        return "current"
    if DECEASED in previous_states:
        return "deceased"
    if previous_states and previous_states[-1] == EXPELLED and not by_board:
        return "expelled"
    return None


def admission_overlaps(previous_end_date, admission_date):
    """Whether admitting on ``admission_date`` would make a former member a
    member twice at once: their previous membership ends only later (a
    withdrawal given a future effective date)."""
    return bool(previous_end_date) and previous_end_date > admission_date


def can_delete(state):
    """Only applications that were never decided may be deleted."""
    return state == APPLICANT


def is_valid_month_day(month, day):
    """Whether ``day``/``month`` forms a date in every year.

    A fiscal year end repeats yearly, so 29 February (missing three years
    out of four) is refused like 30 February.
    """
    if not isinstance(month, int) or not isinstance(day, int):
        return False
    if not 1 <= month <= 12:
        return False
    # 2001 is not a leap year: February has 28 days.
    return 1 <= day <= calendar.monthrange(2001, month)[1]


def in_good_standing(admission_date, end_date, suspensions, on_date):
    """Whether a membership was an active member on ``on_date``.

    :param admission_date: date of admission, or None if never admitted
    :param end_date: date the membership ended (withdrawal, expulsion,
        death), or None; the member is no longer one from that day on
    :param suspensions: iterable of (start, end) date pairs, ``end`` None
        while the suspension lasts; the member is back in good standing on
        the ``end`` day
    """
    if not admission_date or admission_date > on_date:
        return False
    if end_date and end_date <= on_date:
        return False
    return not any(start <= on_date and (not end or end > on_date) for start, end in suspensions)


def shares_bounds_consistent(minimum, maximum):
    """Share limits per member: a non-negative minimum, and a maximum
    (0 = none) that is not below the minimum."""
    if minimum < 0 or maximum < 0:
        return False
    return maximum == 0 or maximum >= minimum


def quorum_consistent(quorum_type, value):
    """A quorum is a percentage within 0-100 or a non-negative count."""
    if value < 0:
        return False
    return quorum_type != "percent" or value <= 100
