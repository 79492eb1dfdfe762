"""Rules of meetings, kept free of the ORM: the models call these functions
and the tests exercise them directly."""

from datetime import timedelta
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def is_web_link(url):
    """Whether ``url`` is an absolute http(s) address, the only kind of
    online link a member's browser is sent to (no ``javascript:``, ``data:``
    or relative links)."""
    if not isinstance(url, str) or url != url.strip() or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def earliest_opening(date_start, margin_minutes):
    """The first moment a meeting announced for ``date_start`` may be opened:
    members gather a little before the announced time, never a day early."""
    return date_start - timedelta(minutes=max(margin_minutes or 0, 0))


def can_open(now, date_start, margin_minutes):
    return now >= earliest_opening(date_start, margin_minutes)


def days_of_notice(notice_day, meeting_day):
    """Whole days between the co-op's calendar day of the notice and that of
    the meeting."""
    return (meeting_day - notice_day).days
