"""Rules of meetings, kept free of the ORM: the models call these functions
and the tests exercise them directly."""

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
