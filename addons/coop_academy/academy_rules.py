"""Training requirement date rules, without the ORM: when a requirement falls
due, until when a completion holds, and where a member stands on a day."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

DONE = "done"
DUE = "due"
OVERDUE = "overdue"
EXPIRED = "expired"

STATUSES = (DONE, DUE, OVERDUE, EXPIRED)


def due_date(start: date, days: int) -> date:
    """The deadline of a requirement that starts on ``start`` (admission, a
    seat) and gives ``days`` to complete it."""
    if days < 0:
        raise ValueError("days must not be negative")
    return start + timedelta(days=days)


def expiry_date(completed: date, validity_months: int) -> date | None:
    """The last day a completion counts; ``None`` when it never expires
    (validity 0)."""
    if validity_months < 0:
        raise ValueError("validity must not be negative")
    if not validity_months:
        return None
    return completed + relativedelta(months=validity_months) - timedelta(days=1)


def status(today: date, due: date, completed: date | None, expiry: date | None) -> str:
    """Where a requirement stands on ``today``: done while a completion holds,
    expired once it lapsed, otherwise due until the deadline and overdue
    after it."""
    if completed and completed <= today:
        if expiry and expiry < today:
            return EXPIRED
        return DONE
    return DUE if today <= due else OVERDUE


def holds(today: date, completed: date | None, expiry: date | None) -> bool:
    """Whether a completion (e.g. a certification) counts on ``today``."""
    return bool(completed) and completed <= today and (not expiry or today <= expiry)
