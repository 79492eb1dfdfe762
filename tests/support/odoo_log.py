"""Reading an Odoo log the way OCA's CI does: any WARNING or ERROR fails."""

import re

RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)$"
)
REPORT = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests when loading"
)

# Log records that are not problems. Keep this list short and say why.
ALLOWED = [
    # Odoo kills the browser's leftover processes after every tour.
    re.compile(r"Killing chrome descendants-or-self"),
    # Debian's wkhtmltopdf is built without patched Qt; reports render all the same.
    re.compile(r"wkhtmltopdf: .*(unpatched qt|Qt patched)"),
]


def records(text):
    """Yield (level, logger, message) of every log record."""
    for line in text.splitlines():
        match = RECORD.match(line)
        if match:
            yield match["level"], match["logger"], match["msg"]


# docutils reports broken module descriptions on stderr, outside the log format
DOCUTILS_ERROR = re.compile(r"\((ERROR|SEVERE)/\d\)")


def problems(text):
    """WARNING/ERROR/CRITICAL records that the allow-list does not excuse, and
    docutils errors (a README that does not render)."""
    found = [
        f"{level} {logger}: {msg}"
        for level, logger, msg in records(text)
        if level in ("WARNING", "ERROR", "CRITICAL")
        and not any(pattern.search(msg) for pattern in ALLOWED)
    ]
    return found + [line for line in text.splitlines() if DOCUTILS_ERROR.search(line)]


def test_report(text):
    """(failed, errors, run) from the last test report of the log, or None."""
    reports = list(REPORT.finditer(text))
    if not reports:
        return None
    last = reports[-1]
    return int(last["failed"]), int(last["errors"]), int(last["run"])


def browser_skips(text):
    """Tests skipped because no browser was found: a run with any is a failure."""
    return [
        msg
        for _level, _logger, msg in records(text)
        if msg.startswith("skipped") and "Chrome" in msg
    ]
