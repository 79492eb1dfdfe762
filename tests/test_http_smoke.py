"""A started Odoo server answers the login page, the suite's backend and the portal."""

import re

import pytest
import requests

from tests.support import suite


def jsonrpc(session, url, params):
    response = session.post(
        url, json={"jsonrpc": "2.0", "method": "call", "params": params}, timeout=60
    )
    response.raise_for_status()
    body = response.json()
    assert "error" not in body, body.get("error")
    return body["result"]


@pytest.fixture(scope="module")
def login(server, demo_database):
    database, _log = demo_database

    def login_as(user):
        session = requests.Session()
        result = jsonrpc(
            session,
            f"{server}/web/session/authenticate",
            {"db": database, "login": user, "password": user},
        )
        assert result["uid"], f"{user} could not log in"
        return session

    return login_as


def xmlid_res_id(database, module, name):
    rows = suite.psql(
        database, f"SELECT res_id FROM ir_model_data WHERE module = '{module}' AND name = '{name}'"
    )
    return int(rows[0][0])


def test_login_page(server):
    response = requests.get(f"{server}/web/login", timeout=60)
    assert response.status_code == 200
    assert 'name="login"' in response.text


def test_web_client_and_its_asset_bundles_are_served(server, login):
    session = login("manager")
    page = session.get(f"{server}/odoo", timeout=60)
    assert page.status_code == 200
    bundles = re.findall(r'src="(/web/assets/[^"]+\.js)"', page.text)
    assert bundles, "the web client page links no script bundle"
    for bundle in bundles:
        response = session.get(f"{server}{bundle}", timeout=300)
        assert response.status_code == 200 and len(response.content) > 10_000, bundle


def test_backend_action_of_the_suite(server, login, demo_database):
    database, _log = demo_database
    menu_id = xmlid_res_id(database, "coop_base", "menu_coop_membership")
    (action_ref,) = suite.psql(database, f"SELECT action FROM ir_ui_menu WHERE id = {menu_id}")[0]
    session = login("officer")
    action = jsonrpc(
        session, f"{server}/web/action/load", {"action_id": int(action_ref.split(",")[1])}
    )
    assert action["res_model"] == "coop.membership"
    page = jsonrpc(
        session,
        f"{server}/web/dataset/call_kw/coop.membership/web_search_read",
        {
            "model": "coop.membership",
            "method": "web_search_read",
            "args": [],
            "kwargs": {
                "domain": [],
                "specification": {"partner_id": {}, "company_id": {}},
                "limit": 80,
            },
        },
    )
    demo_coop = xmlid_res_id(database, "coop_base", "demo_coop")
    assert page["length"] >= 15
    assert {record["company_id"] for record in page["records"]} == {demo_coop}


def test_member_portal_page(server, login, demo_database):
    database, _log = demo_database
    membership = xmlid_res_id(database, "coop_base", "demo_membership_01")
    (number,) = suite.psql(
        database, f"SELECT member_number FROM coop_membership WHERE id = {membership}"
    )[0]
    session = login("member")
    home = session.get(f"{server}/my", timeout=60)
    assert home.status_code == 200 and "/my/coop" in home.text
    page = session.get(f"{server}/my/coop", timeout=60)
    assert page.status_code == 200
    assert number and number in page.text


def test_portal_page_needs_a_login(server):
    response = requests.get(f"{server}/my/coop", timeout=60, allow_redirects=False)
    assert response.status_code in (302, 303)
    assert "/web/login" in response.headers["Location"]
