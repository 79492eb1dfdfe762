"""Regenerate addons/<addon>/i18n/<addon>.pot for every addon of the suite."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support import suite  # noqa: E402


def main():
    addons = sys.argv[1:] or suite.suite_addons()
    database = f"coop_pot_{os.getpid()}"
    suite.dropdb(database)
    try:
        code, log = suite.run_odoo(
            "-d",
            database,
            "-i",
            ",".join(addons),
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        )
        if code:
            sys.exit(log)
        for addon in addons:
            pot = suite.ADDONS_DIR / addon / "i18n" / f"{addon}.pot"
            pot.parent.mkdir(exist_ok=True)
            code, log = suite.run_odoo(
                "-d",
                database,
                f"--i18n-export={pot}",
                f"--modules={addon}",
                "--stop-after-init",
                "--log-level=warn",
            )
            if code:
                sys.exit(log)
            print(f"wrote {pot.relative_to(suite.REPO)}")
    finally:
        suite.dropdb(database)


if __name__ == "__main__":
    main()
