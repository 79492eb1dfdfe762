"""`make run`'s server refuses Odoo's database manager and the `db` service to an
anonymous client, whatever the master password tried, and listens on the loopback
interface only. The server is started by scripts/run.sh itself, as `make run` does."""

import base64
import os
import re
import socket
import stat
import types

import psutil
import pytest
import requests
from passlib.context import CryptContext

from tests.support import suite

RUN = suite.REPO / "scripts" / "run.sh"
PRINTED_PASSWORD = re.compile(r"shown only this once.*?:\n\s+(\S+)\n", re.S)
DISABLED = "The database manager has been disabled by the administrator"


def start_run_sh(database, conf, log_name, **env):
    """scripts/run.sh on `database` and a free port, with its local configuration
    at `conf`; the context yields the running server."""
    port = suite.free_port()
    environ = {key: value for key, value in os.environ.items() if key != "HOST"}
    environ.update(DB=database, PORT=str(port), ODOO_CONF=str(conf), **env)
    log_path = suite.LOG_DIR / log_name
    url = f"http://127.0.0.1:{port}"
    return port, url, log_path, suite.started(["bash", str(RUN)], url, log_path, env=environ)


@pytest.fixture(scope="module")
def make_run(demo_database, tmp_path_factory):
    database, _log = demo_database
    conf = tmp_path_factory.mktemp("run") / "odoo-local.conf"
    port, url, log_path, server = start_run_sh(database, conf, "run-sh-server.log")
    with server as process:
        printed = PRINTED_PASSWORD.search(log_path.read_text())
        assert printed, f"no master password printed on the first run: see {log_path}"
        yield types.SimpleNamespace(
            database=database,
            conf=conf,
            conf_text=conf.read_text(),
            password=printed[1],
            port=port,
            url=url,
            process=process,
            log_path=log_path,
        )


@pytest.fixture(params=["admin", "generated"])
def master_password(request, make_run):
    return make_run.password if request.param == "generated" else "admin"


def copy_name(make_run):
    """The name of the database the attacks try to create: none may get it."""
    return f"{make_run.database}_copy"


def assert_nothing_changed(make_run):
    assert suite.database_exists(make_run.database)
    assert not suite.database_exists(copy_name(make_run))
    assert make_run.conf.read_text() == make_run.conf_text, "the master password changed"


def test_master_password_is_generated_into_a_private_config(make_run):
    mode = stat.S_IMODE(make_run.conf.stat().st_mode)
    assert mode == 0o600, oct(mode)
    options = dict(
        line.split(" = ", 1) for line in make_run.conf_text.splitlines() if " = " in line
    )
    assert options["list_db"] == "False"
    stored = options["admin_passwd"]
    assert stored.startswith("$pbkdf2-sha512$") and make_run.password not in stored
    assert CryptContext(["pbkdf2_sha512"]).verify(make_run.password, stored)
    assert not CryptContext(["pbkdf2_sha512"]).verify("admin", stored)


def test_database_manager_page_is_disabled(make_run):
    for page in ("manager", "selector"):
        response = requests.get(f"{make_run.url}/web/database/{page}", timeout=60)
        assert DISABLED in response.text, page


@pytest.mark.parametrize(
    "route,fields",
    [
        ("backup", {"backup_format": "zip"}),
        ("backup", {"backup_format": "dump"}),
        ("drop", {}),
        ("duplicate", {"new_name": "{copy}"}),
        ("create", {"name": "{copy}", "lang": "en_US", "password": "x", "login": "x", "phone": ""}),
        ("change_password", {"master_pwd_new": "attacker"}),
        ("restore", {"name": "{copy}"}),
    ],
)
def test_database_manager_forms_are_refused(make_run, master_password, route, fields):
    data = {"master_pwd": master_password, "name": make_run.database}
    data |= {key: value.format(copy=copy_name(make_run)) for key, value in fields.items()}
    files = (
        {"backup_file": ("backup.zip", b"PK\x05\x06" + bytes(18))} if route == "restore" else None
    )
    response = requests.post(
        f"{make_run.url}/web/database/{route}", data=data, files=files, timeout=300
    )
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response.headers
    assert not response.content.startswith(b"PK") and b"PGDMP" not in response.content[:64]
    assert "Access Denied" in response.text or DISABLED in response.text
    assert_nothing_changed(make_run)


def db_service_calls(make_run, password):
    copy = copy_name(make_run)
    dump = base64.b64encode(b"PK\x05\x06" + bytes(18)).decode()
    return {
        "list": [],
        "drop": [password, make_run.database],
        "dump": [password, make_run.database, "zip"],
        "create_database": [password, copy, False, "en_US", "x"],
        "duplicate_database": [password, make_run.database, copy],
        "rename": [password, make_run.database, copy],
        "restore": [password, copy, dump],
        "change_admin_password": [password, "attacker"],
    }


def test_db_service_is_refused_over_json_rpc(make_run, master_password):
    for method, args in db_service_calls(make_run, master_password).items():
        response = requests.post(
            f"{make_run.url}/jsonrpc",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"service": "db", "method": method, "args": args},
            },
            timeout=300,
        )
        assert response.status_code == 200
        error = response.json().get("error")
        assert error, f"db.{method} answered {response.text[:200]}"
        assert error["data"]["name"] == "odoo.exceptions.AccessDenied", (method, error)
    assert_nothing_changed(make_run)


def test_database_list_route_is_refused(make_run):
    response = requests.post(
        f"{make_run.url}/web/database/list",
        json={"jsonrpc": "2.0", "method": "call", "params": {}},
        timeout=60,
    )
    assert response.json()["error"]["data"]["name"] == "odoo.exceptions.AccessDenied"


def non_loopback_addresses():
    return [
        address.address
        for addresses in psutil.net_if_addrs().values()
        for address in addresses
        if address.family in (socket.AF_INET, socket.AF_INET6)
        and not address.address.startswith(("127.", "::1", "fe80"))  # fe80: link-local
    ]


def reachable(address, port):
    try:
        with socket.create_connection((address, port), timeout=5):
            return True
    except OSError:
        return False


def listening_addresses(process, port):
    return {
        connection.laddr.ip
        for connection in process.connections(kind="inet")
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == port
    }


def test_listens_on_loopback_only(make_run):
    assert listening_addresses(psutil.Process(make_run.process.pid), make_run.port) == {"127.0.0.1"}
    assert reachable("127.0.0.1", make_run.port)
    for address in non_loopback_addresses():
        assert not reachable(address, make_run.port), f"reachable on {address}"


def test_second_run_keeps_the_password_and_host_opens_every_interface(make_run):
    """The same start again, told HOST=0.0.0.0: no new password, none printed, and
    the server is then reachable from outside (so the test above can see it)."""
    port, _url, log_path, server = start_run_sh(
        make_run.database, make_run.conf, "run-sh-server-all-interfaces.log", HOST="0.0.0.0"
    )
    with server as process:
        assert "shown only this once" not in log_path.read_text()
        assert make_run.conf.read_text() == make_run.conf_text
        assert listening_addresses(psutil.Process(process.pid), port) == {"0.0.0.0"}
        for address in non_loopback_addresses():
            if "." in address:  # 0.0.0.0 is every IPv4 interface
                assert reachable(address, port), f"not reachable on {address}"
