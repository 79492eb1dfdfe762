"""A co-op's calendar: dates in the co-op's time zone, kept free of the ORM.

Odoo stores datetimes as naive UTC. A co-op's "today" (notice periods,
eligibility, decision and application dates) is the date on the wall clock
of the co-op, which may differ from the UTC date by up to a day. The models
call these functions through ``res.company._coop_today()`` and its siblings;
the tests exercise them directly.
"""

import datetime

import babel.dates
import pytz


def time_zone(name):
    """The tz database zone ``name``; UTC when empty or unknown."""
    try:
        return pytz.timezone(name or "UTC")
    except pytz.UnknownTimeZoneError:
        return pytz.utc


def local_now(utc_now, tz_name):
    """The aware local datetime of the naive UTC datetime ``utc_now``."""
    return pytz.utc.localize(utc_now).astimezone(time_zone(tz_name))


def local_date(utc_datetime, tz_name):
    """The calendar date, in zone ``tz_name``, of a stored (naive UTC) datetime."""
    return local_now(utc_datetime, tz_name).date()


def day_start_utc(day, tz_name):
    """The naive UTC datetime at which ``day`` starts in zone ``tz_name``.

    Where midnight does not exist (a daylight saving jump at 00:00), the day
    starts at the first minute that exists.
    """
    zone = time_zone(tz_name)
    midnight = datetime.datetime.combine(day, datetime.time())
    try:
        start = zone.localize(midnight, is_dst=None)
    except pytz.NonExistentTimeError:
        start = zone.normalize(zone.localize(midnight, is_dst=False))
    except pytz.AmbiguousTimeError:
        # midnight happens twice: the day starts at the first one
        start = zone.localize(midnight, is_dst=True)
    return start.astimezone(pytz.utc).replace(tzinfo=None)


def member_datetime(utc_datetime, tz_name, locale):
    """A stored (naive UTC) datetime as a member reads it in a mail: on the
    wall clock of ``tz_name``, in the words of the Babel ``locale``, to the
    minute, with the zone named (e.g. "Tue, Mar 3, 2026, 6:30 PM (Europe/Paris)")."""
    local = local_now(utc_datetime, tz_name)
    day = babel.dates.format_skeleton("yMMMEd", local, tzinfo=local.tzinfo, locale=locale)
    # the locale's short time: its own hour cycle, never seconds
    time = babel.dates.format_time(local, "short", tzinfo=local.tzinfo, locale=locale)
    return f"{day}, {time} ({local.tzinfo.zone})"
