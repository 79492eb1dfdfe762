"""The log reader that decides whether an Odoo run failed."""

import io
import logging
import re
import subprocess
import unittest

import pytest

from tests.support import odoo_log, suite

HEAD = "2026-11-22 01:52:24,019 7633"

LOG = f"""\
{HEAD} INFO db odoo.modules.loading: 12 modules loaded in 1.05s, 0 queries
{HEAD} WARNING db odoo.addons.base.models.ir_ui_view: Field 'foo' does not exist in view
Traceback (most recent call last):
  File "x.py", line 1
{HEAD} INFO db odoo.addons.coop_base.tests.test_x: Starting TestX.test_tour ...
{HEAD} WARNING db odoo.addons.base.models.ir_actions_report: wkhtmltopdf: The switch \
--header-html, is not support using unpatched qt, and will be ignored.
{HEAD} INFO db odoo.addons.coop_base.tests.test_x: skipped TestX.test_tour : chromium not found \

{HEAD} ERROR db odoo.addons.coop_base.tests.test_x: FAIL: TestX.test_y
{HEAD} INFO db odoo.tests.result: 0 failed, 0 error(s) of 3 tests when loading database 'db'
{HEAD} ERROR db odoo.tests.result: 1 failed, 2 error(s) of 40 tests when loading database 'db'
<string>:3: (ERROR/3) Unknown target name: "redemptions".
"""


def test_warnings_and_errors_are_problems_unless_allowed():
    assert odoo_log.problems(LOG) == [
        "WARNING odoo.addons.base.models.ir_ui_view: Field 'foo' does not exist in view",
        "ERROR odoo.addons.coop_base.tests.test_x: FAIL: TestX.test_y",
        "ERROR odoo.tests.result: 1 failed, 2 error(s) of 40 tests when loading database 'db'",
        '<string>:3: (ERROR/3) Unknown target name: "redemptions".',
    ]


def test_last_report_counts():
    assert odoo_log.test_report(LOG) == (1, 2, 40)
    assert odoo_log.test_report("no report here") is None


def test_skips_are_found():
    assert odoo_log.skips(LOG) == [
        ("odoo.addons.coop_base.tests.test_x", "TestX.test_tour", "chromium not found", True, False)
    ]


def odoo_skip_reasons():
    """Every reason for which Odoo 18's test framework skips a test by itself
    (browser tours, websocket-client), as its source words them."""
    source = (suite.odoo_src() / "odoo" / "tests" / "common.py").read_text()
    templates = [match[2] for match in re.finditer(r"SkipTest\(f?([\"'])(.+?)\1", source)]
    return [
        re.sub(r"\{[^}]*\}", "10.0", template.replace("%s", "chromium")) for template in templates
    ]


@pytest.fixture
def odoo_test_log():
    """Run Odoo tests in this process with Odoo's own suite and result; return a
    function giving what they logged, in the format of Odoo's log."""
    import odoo.netsvc
    from odoo.tools import config

    config["test_enable"] = True  # odoo.tests is imported in test mode only
    from odoo.tests.result import OdooTestResult
    from odoo.tests.suite import OdooSuite

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        odoo.netsvc.DBFormatter(
            "%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s %(perf_info)s"
        )
    )
    handler.addFilter(lambda record: setattr(record, "perf_info", "") or True)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)

    def run(*classes):
        loader = unittest.TestLoader()
        result = OdooTestResult()
        OdooSuite([test for cls in classes for test in loader.loadTestsFromTestCase(cls)])(result)
        logging.getLogger("odoo.tests.result").info("%s when loading database 'db'", result)
        return stream.getvalue()

    try:
        yield run
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        config["test_enable"] = False


def test_every_skip_of_odoo_runner_fails_the_run(odoo_test_log):
    from odoo.tests.case import TestCase

    reasons = odoo_skip_reasons()
    assert "Chrome executable not found" in reasons
    assert "chromium not found" in reasons
    assert "websocket-client module is not installed" in reasons

    class TestTours(TestCase):
        def test_passes(self):
            pass

    for number, reason in enumerate(reasons):
        setattr(TestTours, f"test_tour_{number}", lambda self, reason=reason: self.skipTest(reason))

    class TestWholeClass(TestCase):
        @classmethod
        def setUpClass(cls):
            raise unittest.SkipTest("websocket-client module is not installed")

        def test_never_run(self):
            pass

    log = odoo_test_log(TestTours, TestWholeClass)
    found = odoo_log.skips(log)
    assert sorted(skip.reason for skip in found if skip.counted) == sorted(reasons)
    assert [(skip.test, skip.counted) for skip in found if not skip.counted] == [
        (f"setUpClass ({__name__}.{TestWholeClass.__qualname__})", False)
    ]
    assert not any(skip.allowed for skip in found)
    # skipped tests count as run in Odoo's report; the class skipped as a whole does not
    assert odoo_log.test_report(log) == (0, 0, len(reasons) + 1)


def test_allow_list_excuses_only_what_it_names():
    allowed = [(r"\.coop_base\.", r"^TestX\.test_tour$", r"^chromium not found$")]
    assert [skip.allowed for skip in odoo_log.skips(LOG, allowed)] == [True]
    other_reason = [(r"\.coop_base\.", r"^TestX\.test_tour$", r"^Chrome executable")]
    assert [skip.allowed for skip in odoo_log.skips(LOG, other_reason)] == [False]


def test_allowed_warnings_are_what_odoo_18_logs(tmp_path):
    """ir.actions.report logs wkhtmltopdf's stderr; Debian's build says this."""
    report = suite.odoo_addons_dir() / "base" / "models" / "ir_actions_report.py"
    assert "_logger.warning('wkhtmltopdf: %s' % err)" in report.read_text()
    page = tmp_path / "page.html"
    page.write_text("<html><body>header</body></html>")
    result = subprocess.run(
        ["wkhtmltopdf", "--quiet", "--header-html", page, page, tmp_path / "out.pdf"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    message = f"wkhtmltopdf: {result.stderr}"
    if "unpatched qt" in result.stderr:  # a wkhtmltopdf with patched Qt says nothing
        assert any(pattern.search(message) for pattern in odoo_log.ALLOWED)
    assert all(pattern.pattern.startswith("wkhtmltopdf: ") for pattern in odoo_log.ALLOWED), (
        "an allow-list entry this test does not justify"
    )
