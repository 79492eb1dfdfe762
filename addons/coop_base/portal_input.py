"""Ids posted to or routed by the portal, read without trusting them."""

# Odoo's ids are PostgreSQL integers: a larger number is no record, and
# searching for it makes the database raise instead of finding nothing.
MAX_RECORD_ID = 2**31 - 1


def record_id(value):
    """The record id that ``value`` stands for, or None when it cannot be
    one (not a whole number, zero or less, beyond the integer range)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_RECORD_ID else None
