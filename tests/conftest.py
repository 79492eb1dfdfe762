"""Suite-wide tests: they run Odoo itself (odoo-bin, a real PostgreSQL, real HTTP)."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support import suite  # noqa: E402


@pytest.fixture(scope="session")
def demo_database():
    """A database with the whole suite and its demo data: (name, install log)."""
    database = f"coop_suite_demo_{os.getpid()}"
    code, log = suite.install_suite(database, demo=True)
    assert code == 0, f"odoo-bin exited with {code}: see var/log/install-{database}.log"
    yield database, log
    suite.dropdb(database)


@pytest.fixture(scope="session")
def server(demo_database):
    """Base URL of a real Odoo HTTP server on the demo database."""
    database, _log = demo_database
    with suite.serve(database, suite.LOG_DIR / "smoke-server.log") as url:
        yield url
