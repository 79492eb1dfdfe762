"""Run every check of the suite: lint, the addons' Odoo tests, the addons' pure
test modules again through pytest-odoo, the suite tests.

Prints one closing line 'N passed, N failed' and exits non-zero on any failure.
"""

import argparse
import ast
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support import odoo_log, suite  # noqa: E402

LOG_DIR = suite.REPO / "var" / "log"
STEPS = ["lint", "addons", "pytest-odoo", "suite"]


def lint():
    """All linters are one check; returns (passed, failed, findings).

    The findings are printed again beside the closing summary: a CI log is
    often read from its end."""
    result = subprocess.run(
        ["bash", str(suite.REPO / "scripts" / "lint.sh")],
        check=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    print(result.stdout, end="", flush=True)
    (LOG_DIR / "lint.log").write_text(result.stdout)
    if result.returncode == 0:
        return 1, 0, []
    return 0, 1, [line for line in result.stdout.splitlines() if not line.startswith("-- ")]


def addon_tests(addons, database, log_name="addon-tests"):
    """Install the addons with demo data in a fresh database and run their tests."""
    log_path = LOG_DIR / f"{log_name}.log"
    suite.dropdb(database)
    print(
        f"== Odoo tests of {', '.join(addons)} in database {database} (log: {log_path})", flush=True
    )
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
    for level, logger, msg in odoo_log.records(text):
        if level != "INFO" or logger == "odoo.tests.result" or msg.startswith("Starting "):
            print(f"  {level} {logger.removeprefix('odoo.addons.')}: {msg}")
    report = odoo_log.test_report(text)
    if report is None:
        print(f"!! no test report in the Odoo log (exit code {returncode})")
        return 0, 1
    failed, errors, run = report
    problems = odoo_log.problems(text)
    skips = odoo_log.skips(text)
    for problem in problems:
        print(f"!! log: {problem}")
    for skip in skips:
        where = f"{skip.logger.removeprefix('odoo.addons.')} {skip.test}"
        print(f"{'  allowed' if skip.allowed else '!!'} skipped: {where}: {skip.reason}")
    if run == 0:
        print("!! the Odoo run executed no test")
    # Odoo counts a skipped test as run: it did not pass. Each skip not on the
    # allow-list fails; warnings or a failed run each count as one failed check.
    passed = run - failed - errors - sum(skip.counted for skip in skips)
    refused = sum(not skip.allowed for skip in skips)
    extra = sum(bool(x) for x in (problems, run == 0, returncode and not failed + errors))
    return passed, failed + errors + refused + extra


def pure_test_modules(addons):
    """Test modules made only of BaseCase classes: pure functions, no database."""
    modules = []
    for addon in addons:
        for path in sorted((suite.ADDONS_DIR / addon / "tests").glob("test_*.py")):
            classes = [
                node
                for node in ast.parse(path.read_text()).body
                if isinstance(node, ast.ClassDef) and node.name.startswith("Test")
            ]
            bases = {ast.unparse(base) for node in classes for base in node.bases}
            if classes and bases == {"BaseCase"}:
                modules.append(path)
    return modules


def pytest_odoo_tests(addons, database, installed):
    """The addons' pure test modules through pytest-odoo, against `database` (the
    one the Odoo tests installed, else a new one)."""
    modules = pure_test_modules(addons)
    print(f"== pytest-odoo: {len(modules)} pure test modules against {database}", flush=True)
    if not modules:
        return 0, 0
    if not installed or not suite.database_exists(database):
        suite.dropdb(database)
        code, _log = suite.run_odoo(
            "-d",
            database,
            "-i",
            ",".join(addons),
            "--stop-after-init",
            "--log-level=warn",
            log_path=LOG_DIR / f"pytest-odoo-install-{database}.log",
        )
        if code:
            print(f"!! installing {', '.join(addons)} into {database} failed")
            return 0, 1
    return pytest_run(
        [
            f"--odoo-database={database}",
            f"--odoo-addons-path={suite.addons_path()}",
            f"--odoo-extra=data-dir={suite.DATA_DIR}",
            "--odoo-log-level=warn",
            *map(str, modules),
        ],
        LOG_DIR / "pytest-odoo.xml",
    )


def pytest_run(args, junit):
    """pytest with `args`; (passed, failed) from its JUnit report, where a
    skipped test fails as in the Odoo run."""
    junit.unlink(missing_ok=True)
    result = subprocess.run(
        [
            str(suite.VENV / "bin" / "python"),
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            f"--junitxml={junit}",
            *args,
        ],
        cwd=suite.REPO,
        check=False,
    )
    if not junit.exists():
        return 0, 1
    # testcase elements, not the suite's totals: those count subtests as tests
    outcomes = [
        {child.tag for child in case} & {"failure", "error", "skipped"}
        for case in ET.parse(junit).getroot().iter("testcase")
    ]
    failed = sum(bool(outcome & {"failure", "error"}) for outcome in outcomes)
    skipped = sum(outcome == {"skipped"} for outcome in outcomes)
    if skipped:
        print(f"!! {skipped} test(s) skipped: see {junit}")
    passed = len(outcomes) - failed - skipped
    failed += bool(result.returncode) and not failed
    return passed, failed + skipped


def suite_tests(pytest_args):
    print("== Suite tests (tests/)", flush=True)
    return pytest_run([str(suite.REPO / "tests"), *pytest_args], LOG_DIR / "suite-tests.xml")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=STEPS, action="append")
    parser.add_argument("--addons", help="comma-separated addons to test (default: all)")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments for pytest (suite tests)")
    args = parser.parse_args()
    steps = args.only or STEPS
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    addons = args.addons.split(",") if args.addons else suite.suite_addons()
    database = f"coop_test_{os.getpid()}"
    totals = {}
    lint_findings = []
    if "lint" in steps:
        lint_passed, lint_failed, lint_findings = lint()
        totals["lint"] = (lint_passed, lint_failed)
    try:
        if "addons" in steps:
            # a run of some addons keeps its own log: runs of others may go on beside it
            log_name = f"addon-tests-{'-'.join(addons)}" if args.addons else "addon-tests"
            totals["addons"] = addon_tests(addons, database, log_name) if addons else (0, 1)
        if "pytest-odoo" in steps:
            totals["pytest-odoo"] = pytest_odoo_tests(addons, database, "addons" in steps)
    finally:
        suite.dropdb(database)
    if "suite" in steps:
        totals["suite"] = suite_tests(args.pytest_args)
    for line in lint_findings[-40:]:
        print(f"lint: {line}")
    for step, (passed, failed) in totals.items():
        print(f"{step}: {passed} passed, {failed} failed")
    passed = sum(p for p, _ in totals.values())
    failed = sum(f for _, f in totals.values())
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
