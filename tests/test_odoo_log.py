"""The log reader that decides whether an Odoo run failed."""

from tests.support import odoo_log

HEAD = "2026-11-22 01:52:24,019 7633"

LOG = f"""\
{HEAD} INFO db odoo.modules.loading: 12 modules loaded in 1.05s, 0 queries
{HEAD} WARNING db odoo.addons.base.models.ir_ui_view: Field 'foo' does not exist in view
Traceback (most recent call last):
  File "x.py", line 1
{HEAD} INFO db odoo.tests.common: Killing chrome descendants-or-self of 123
{HEAD} WARNING db odoo.tests.common: Killing chrome descendants-or-self of 124
{HEAD} INFO db odoo.addons.coop_base.tests.test_x: skipped test_tour : Chrome executable not found
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


def test_browser_skips_are_found():
    assert odoo_log.browser_skips(LOG) == ["skipped test_tour : Chrome executable not found"]
