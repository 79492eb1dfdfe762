"""Reading an Odoo log the way OCA's CI does: any WARNING or ERROR fails."""

import re
from typing import NamedTuple

RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)$"
)
REPORT = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests when loading"
)

# Log records that are not problems. Keep this list short and say why.
ALLOWED = [
    # ir.actions.report logs wkhtmltopdf's stderr as 'wkhtmltopdf: %s'; Debian's
    # build, without patched Qt, says it ignores --header-html: reports render all
    # the same, without the repeated header.
    re.compile(r"wkhtmltopdf: .*unpatched qt"),
]

# odoo.tests.result logs every skip at INFO on the test's own logger:
# 'skipped <Class.test_method> : <reason>', or 'skipped setUpClass (<module.Class>)
# : <reason>' when a whole class is skipped (its tests are then not counted as run).
SKIP = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*?)\s*$")
CLASS_LEVEL = re.compile(r"^(setUpClass|setUpModule|tearDownClass|tearDownModule) \(")

# Skips that do not fail a run, as (test module logger, test, reason) patterns.
# Keep it short and say why. Odoo's own skips of a browser tour ("Chrome executable
# not found", "Cannot connect to chrome dev tools", "chromium not found",
# "websocket-client module is not installed", ...) and of a missing Python module
# must never be here: set-up installs all of them.
ALLOWED_SKIPS = []


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


class Skip(NamedTuple):
    logger: str
    test: str
    reason: str
    counted: bool  # one of the report's run tests (not a skipped class as a whole)
    allowed: bool  # matches ALLOWED_SKIPS


def skips(text, allowed=ALLOWED_SKIPS):
    """Every test the run skipped."""
    found = []
    for _level, logger, msg in records(text):
        match = SKIP.match(msg)
        if match:
            found.append(
                Skip(
                    logger,
                    match["test"],
                    match["reason"],
                    counted=not CLASS_LEVEL.match(match["test"]),
                    allowed=any(
                        re.search(log_pattern, logger)
                        and re.search(test_pattern, match["test"])
                        and re.search(reason_pattern, match["reason"])
                        for log_pattern, test_pattern, reason_pattern in allowed
                    ),
                )
            )
    return found
