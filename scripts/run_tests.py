"""Run every check of the suite: lint, the addons' Odoo tests, the suite tests.

Prints one closing line 'N passed, N failed' and exits non-zero on any failure.
"""

import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support import odoo_log, suite  # noqa: E402

LOG_DIR = suite.REPO / "var" / "log"


def lint():
    """Each linter is one check; returns (passed, failed)."""
    result = subprocess.run(["bash", str(suite.REPO / "scripts" / "lint.sh")], check=False)
    return (1, 0) if result.returncode == 0 else (0, 1)


def addon_tests(addons, log_name="addon-tests"):
    """Install the suite with demo data in a fresh database and run its tests."""
    database = f"coop_test_{os.getpid()}"
    log_path = LOG_DIR / f"{log_name}.log"
    suite.dropdb(database)
    print(
        f"== Odoo tests of {', '.join(addons)} in database {database} (log: {log_path})", flush=True
    )
    try:
        returncode, text = suite.run_odoo(
            "-d",
            database,
            "-i",
            ",".join(addons),
            "--test-enable",
            "--test-tags",
            ",".join(f"/{addon}" for addon in addons),
            f"--http-port={suite.free_port()}",
            "--stop-after-init",
            "--log-level=test",
            "--max-cron-threads=0",
            log_path=log_path,
        )
    finally:
        suite.dropdb(database)
    for level, logger, msg in odoo_log.records(text):
        if level != "INFO" or logger == "odoo.tests.result" or msg.startswith("Starting "):
            print(f"  {level} {logger.removeprefix('odoo.addons.')}: {msg}")
    report = odoo_log.test_report(text)
    if report is None:
        print(f"!! no test report in the Odoo log (exit code {returncode})")
        return 0, 1
    failed, errors, run = report
    passed = run - failed - errors
    problems = odoo_log.problems(text)
    skips = odoo_log.browser_skips(text)
    for problem in problems:
        print(f"!! log: {problem}")
    for skip in skips:
        print(f"!! browser test skipped: {skip}")
    if run == 0:
        print("!! the Odoo run executed no test")
    # Warnings, browser skips or a failed run each count as one failed check.
    extra = sum(bool(x) for x in (problems, skips, run == 0, returncode and not failed + errors))
    return passed, failed + errors + extra


def suite_tests(pytest_args):
    junit = LOG_DIR / "suite-tests.xml"
    print("== Suite tests (tests/)", flush=True)
    result = subprocess.run(
        [
            str(suite.VENV / "bin" / "python"),
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            f"--junitxml={junit}",
            str(suite.REPO / "tests"),
            *pytest_args,
        ],
        check=False,
    )
    if not junit.exists():
        return 0, 1
    root = ET.parse(junit).getroot()
    totals = root if root.tag == "testsuite" else root.find("testsuite")
    run, failed = int(totals.get("tests")), int(totals.get("failures")) + int(totals.get("errors"))
    skipped = int(totals.get("skipped"))
    failed += bool(result.returncode) and not failed
    return run - failed - skipped, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["lint", "addons", "suite"], action="append")
    parser.add_argument("--addons", help="comma-separated addons to test (default: all)")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments for pytest")
    args = parser.parse_args()
    steps = args.only or ["lint", "addons", "suite"]
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    totals = {}
    if "lint" in steps:
        totals["lint"] = lint()
    if "addons" in steps:
        addons = args.addons.split(",") if args.addons else suite.suite_addons()
        # a run of some addons keeps its own log: runs of others may go on beside it
        log_name = f"addon-tests-{'-'.join(addons)}" if args.addons else "addon-tests"
        totals["addons"] = addon_tests(addons, log_name) if addons else (0, 1)
    if "suite" in steps:
        totals["suite"] = suite_tests(args.pytest_args)
    for step, (passed, failed) in totals.items():
        print(f"{step}: {passed} passed, {failed} failed")
    passed = sum(p for p, _ in totals.values())
    failed = sum(f for _, f in totals.values())
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
