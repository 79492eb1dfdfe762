"""Screenshots of the suite's key screens, backend and portal, desktop and phone.

Starts an Odoo server on a demo database (created on the first run), opens each
screen in headless Chromium as the user who works there and saves a PNG per
screen and screen size. A screen that fails (an HTTP error, a JavaScript error,
an error dialog, a screen that never finishes loading) is reported and makes the
script exit with 1: the suite tests run it for that reason.

    python scripts/screenshots.py [--out docs/screenshots] [--only NAME ...]
"""

import argparse
import base64
import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support import suite  # noqa: E402

DATABASE = "coop_screenshots"
OUT_DIR = suite.REPO / "docs" / "screenshots"
VIEWPORTS = {"desktop": (1440, 900, False), "phone": (390, 844, True)}
# Backend screens are ready once the action's view is on screen.
BACKEND_READY = ".o_action_manager .o_view_controller"
PORTAL_READY = "#wrap"
ERROR_SELECTOR = ".o_error_dialog, .o_notification.border-danger"

# (name, login, path, what shows the screen is ready); paths may name records by XML id.
SCREENS = [
    (
        "overview",
        "manager",
        "/odoo/action-coop_base.res_company_action_coop_overview",
        ".o_coop_overview_sections",
    ),
    ("members", "officer", "/odoo/action-coop_base.coop_membership_action", BACKEND_READY),
    (
        "share-requests",
        "officer",
        "/odoo/action-coop_shares.coop_share_request_action",
        BACKEND_READY,
    ),
    (
        "ballot-results",
        "manager",
        "/odoo/action-coop_governance.coop_ballot_action/{coop_governance.demo_ballot_board}",
        ".o_form_view",
    ),
    (
        "meetings",
        "manager",
        "/odoo/action-coop_governance.coop_meeting_action",
        ".o_coop_meeting_kanban .o_kanban_record",
    ),
    (
        "meeting",
        "manager",
        "/odoo/action-coop_governance.coop_meeting_action/{coop_governance.demo_meeting_agm}",
        ".o_form_view",
    ),
    (
        "training-matrix",
        "officer",
        "/odoo/action-coop_academy.coop_academy_assignment_action",
        BACKEND_READY,
    ),
    (
        "patronage-allocation",
        "manager",
        "/odoo/action-coop_patronage.coop_patronage_period_action/"
        "{coop_patronage.coop_patronage_period_demo}",
        ".o_form_view",
    ),
    ("portal-home", "member", "/my", ".o_portal_my_home"),
    ("portal-membership", "member", "/my/coop", PORTAL_READY),
    ("portal-shares", "member", "/my/shares", ".o_coop_shares_portal"),
    ("portal-capital", "member", "/my/capital", ".o_coop_capital_portal"),
    ("portal-governance", "member", "/my/governance", PORTAL_READY),
    (
        "portal-vote",
        "member",
        "/my/governance/ballot/{coop_governance.demo_ballot_name}",
        PORTAL_READY,
    ),
    (
        "portal-results",
        "member",
        "/my/governance/ballot/{coop_governance.demo_ballot_board}",
        PORTAL_READY,
    ),
    (
        "portal-meeting",
        "member",
        "/my/governance/meeting/{coop_governance.demo_meeting_agm}",
        PORTAL_READY,
    ),
    ("portal-learning", "member", "/my/learning", PORTAL_READY),
]


class ScreenError(Exception):
    """A screen that did not show cleanly."""


class Page:
    """One Chromium tab driven over the DevTools protocol."""

    def __init__(self, ws_url):
        self.socket = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def send(self, method, **params):
        self.next_id += 1
        message_id = self.next_id
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise ScreenError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def pump(self, seconds):
        """Collect events for a while."""
        self.socket.settimeout(seconds)
        try:
            while True:
                self.events.append(json.loads(self.socket.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.socket.settimeout(60)

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def close(self):
        self.socket.close()


@contextlib.contextmanager
def chromium():
    """A headless Chromium; yields a function opening a new tab (a Page)."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        raise SystemExit("Chromium is missing: run `make setup`.")
    profile = tempfile.mkdtemp(prefix="coop-screens-")
    process = subprocess.Popen(
        [
            binary,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("Chromium did not start.")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])

        def new_page():
            target = requests.put(f"http://127.0.0.1:{port}/json/new?about:blank", timeout=30)
            return Page(target.json()["webSocketDebuggerUrl"])

        yield new_page
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)


def session_id(url, database, login):
    """The session cookie of `login` (demo password: the login)."""
    session = requests.Session()
    response = session.post(
        f"{url}/web/session/authenticate",
        json={"params": {"db": database, "login": login, "password": login}},
        timeout=120,
    )
    if not (response.json().get("result") or {}).get("uid"):
        raise SystemExit(f"{login} cannot log in to {database}")
    return session.cookies["session_id"]


def resolve(path, database):
    """Replace `{module.name}` in a path by the record id of that XML id."""
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        module, name = path[start + 1 : end].split(".")
        rows = suite.psql(
            database,
            f"SELECT res_id FROM ir_model_data WHERE module = '{module}' AND name = '{name}'",
        )
        if not rows:
            raise ScreenError(f"no record {module}.{name} in {database}")
        path = path[:start] + rows[0][0] + path[end + 1 :]
    return path


def problems(events, url):
    """What went wrong on the page, from the DevTools events."""
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            found.append(details.get("exception", {}).get("description") or details["text"])
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            args = params["args"]
            found.append(" ".join(str(arg.get("value", arg.get("description"))) for arg in args))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            source = params["entry"].get("url", "")
            # Third-party resources (the website's web fonts) fail on offline machines:
            # not an error of the suite's screens.
            if source.startswith(url) or not source.startswith("http"):
                found.append(f"{source}: {params['entry']['text']}")
        elif method == "Network.responseReceived" and params.get("type") == "Document":
            response = params["response"]
            if response["url"].startswith(url) and response["status"] >= 400:
                found.append(f"HTTP {response['status']} for {response['url']}")
    return found


def shoot(page, url, path, ready, viewport, target):
    """Open `path` on `page`, wait until it is ready and idle, save the PNG."""
    width, height, mobile = VIEWPORTS[viewport]
    page.send(
        "Emulation.setDeviceMetricsOverride",
        width=width,
        height=height,
        deviceScaleFactor=1,
        mobile=mobile,
    )
    page.send("Emulation.setTouchEmulationEnabled", enabled=mobile)
    page.events.clear()
    page.send("Page.navigate", url=f"{url}{path}")
    deadline = time.monotonic() + 90
    check = (
        f"document.readyState === 'complete' && !!document.querySelector({json.dumps(ready)})"
        " && !document.querySelector('.o_loading_indicator, .o_blockUI')"
    )
    while not page.evaluate(check):
        if problems(page.events, url):
            break
        if time.monotonic() > deadline:
            raise ScreenError(f"{path} never showed {ready!r}")
        page.pump(0.25)
    page.pump(1.0)  # late requests: charts, counters, lazy assets
    errors = problems(page.events, url)
    dialog = page.evaluate(
        f"(document.querySelector({json.dumps(ERROR_SELECTOR)}) || {{}}).innerText || ''"
    )
    if dialog:
        errors.append(f"error shown on screen: {dialog[:300]}")
    if errors:
        raise ScreenError("; ".join(errors))
    image = page.send("Page.captureScreenshot", format="png")
    target.write_bytes(base64.b64decode(image["data"]))


def capture(url, database, out_dir, only=None, viewports=tuple(VIEWPORTS)):
    """Save every screen at every size into `out_dir`; return the failures."""
    out_dir.mkdir(parents=True, exist_ok=True)
    failures, sessions = [], {}
    with chromium() as new_page:
        for name, login, path, ready in SCREENS:
            if only and name not in only:
                continue
            if login not in sessions:
                sessions[login] = session_id(url, database, login)
            page = new_page()
            try:
                page.send("Network.setCookie", name="session_id", value=sessions[login], url=url)
                for viewport in viewports:
                    target = out_dir / f"{name}-{viewport}.png"
                    try:
                        shoot(page, url, resolve(path, database), ready, viewport, target)
                        print(f"  {target.relative_to(out_dir.parent)}", flush=True)
                    except ScreenError as error:
                        failures.append(f"{name} ({viewport}, as {login}): {error}")
                        print(f"!! {failures[-1]}", flush=True)
            finally:
                page.close()
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("--only", nargs="*", help="screen names (default: all)")
    args = parser.parse_args()
    if not suite.database_exists(args.database):
        print(f"== creating the demo database {args.database}", flush=True)
        code, _log = suite.install_suite(args.database, demo=True)
        if code:
            raise SystemExit(f"installing the suite failed: var/log/install-{args.database}.log")
    with suite.serve(args.database, suite.LOG_DIR / "screenshots-server.log") as url:
        failures = capture(url, args.database, args.out, args.only)
    if failures:
        raise SystemExit(f"{len(failures)} screen(s) failed")
    print(f"Screenshots saved in {args.out}")


if __name__ == "__main__":
    main()
