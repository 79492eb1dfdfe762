"""Installation of the whole suite into empty databases, with and without demo data."""

import os

from tests.support import odoo_log, suite


def installed_suite_modules(database):
    rows = suite.psql(database, "SELECT name FROM ir_module_module WHERE state = 'installed'")
    return {name for (name,) in rows} & set(suite.suite_addons())


def demo_xmlids(database):
    rows = suite.psql(
        database,
        "SELECT count(*) FROM ir_model_data WHERE module LIKE 'coop\\_%' AND name LIKE 'demo\\_%'",
    )
    return int(rows[0][0])


def test_install_with_demo_data(demo_database):
    database, log = demo_database
    assert odoo_log.problems(log) == []
    assert installed_suite_modules(database) == set(suite.suite_addons())
    assert demo_xmlids(database) > 0
    members_of_demo_coop = suite.psql(
        database,
        "SELECT count(*) FROM coop_membership WHERE company_id = "
        "(SELECT res_id FROM ir_model_data WHERE module = 'coop_base' AND name = 'demo_coop')",
    )
    assert int(members_of_demo_coop[0][0]) >= 15


def test_install_without_demo_data():
    database = f"coop_suite_nodemo_{os.getpid()}"
    try:
        code, log = suite.install_suite(database, demo=False)
        assert code == 0
        assert odoo_log.problems(log) == []
        assert installed_suite_modules(database) == set(suite.suite_addons())
        assert demo_xmlids(database) == 0
        assert suite.psql(database, "SELECT count(*) FROM coop_membership") == [["0"]]
    finally:
        suite.dropdb(database)
