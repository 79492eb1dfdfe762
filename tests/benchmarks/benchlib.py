"""Benchmark harness: a real database, the real ORM and real HTTP.

Figures are medians of wall time and SQL query counts; they are printed as a
markdown table and appended to bench-results.md (copied into the README).
"""

import contextlib
import datetime
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import requests  # noqa: E402

import odoo  # noqa: E402
from odoo import sql_db  # noqa: E402

from tests.support import suite  # noqa: E402

RESULTS_FILE = suite.REPO / "bench-results.md"
_rows = []


@contextlib.contextmanager
def database(name, addons):
    """Superuser environment on database `name` (created without demo data if
    missing); its cursor commits when the block ends."""
    if not suite.database_exists(name):
        code, log = suite.run_odoo(
            "-d",
            name,
            "-i",
            ",".join(addons),
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        )
        if code:
            raise SystemExit(log[-5000:])
    odoo.tools.config.parse_config(
        [
            f"--addons-path={suite.addons_path()}",
            f"--data-dir={suite.DATA_DIR}",
            "-d",
            name,
        ]
    )
    registry = odoo.modules.registry.Registry(name)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def measure(label, fn, repeat=5, setup=None):
    """Run fn() `repeat` times (after setup() each time, not measured); record the
    median seconds and the median number of SQL queries; return the last result."""
    seconds, queries = [], []
    result = None
    for _ in range(repeat):
        if setup:
            setup()
        before = sql_db.sql_counter
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
        queries.append(sql_db.sql_counter - before)
    median_queries = int(statistics.median(queries))
    _rows.append((label, statistics.median(seconds), min(seconds), median_queries, repeat))
    print(
        f"  {label}: median {statistics.median(seconds):.3f} s, {median_queries} queries",
        flush=True,
    )
    return result


def record(label, seconds, queries, runs=1):
    """Record a figure measured by the caller (e.g. throughput over HTTP)."""
    _rows.append((label, seconds, seconds, queries, runs))


def serve(name, *extra_args):
    """Context manager: a real Odoo HTTP server for database `name` (more odoo-bin
    options in `extra_args`, e.g. prefork workers); yields its URL."""
    return suite.serve(name, suite.LOG_DIR / f"bench-{name}.log", *extra_args)


def http_login(url, login):
    """A requests session logged in through the login form (password = login)."""
    session = requests.Session()
    page = session.get(f"{url}/web/login", timeout=120).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = session.post(
        f"{url}/web/login",
        data={"login": login, "password": login, "csrf_token": token},
        timeout=120,
    )
    response.raise_for_status()
    return session


def report(title, notes=""):
    lines = [
        f"### {title} ({datetime.date.today().isoformat()})",
        "",
        "| operation | median (s) | best (s) | SQL queries | runs |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {label} | {med:.3f} | {best:.3f} | {queries} | {runs} |"
            for label, med, best, queries, runs in _rows
        ),
        "",
    ]
    if notes:
        lines += [notes, ""]
    text = "\n".join(lines)
    print(text)
    with open(RESULTS_FILE, "a") as handle:
        handle.write(text + "\n")
    _rows.clear()
