"""Where the suite and Odoo live, and how to run Odoo against a database."""

import ast
import contextlib
import os
import socket
import subprocess
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]
ADDONS_DIR = REPO / "addons"
VENV = Path(os.environ.get("VENV", REPO / ".venv"))
DATA_DIR = REPO / "var" / "data"
LOG_DIR = REPO / "var" / "log"


def odoo_src():
    """The Odoo tree chosen by set-up (scripts/setup.sh writes it in the venv)."""
    marker = VENV / "odoo_src"
    if not marker.exists():
        raise RuntimeError("Odoo source unknown: run scripts/setup.sh (make test).")
    return Path(marker.read_text().strip())


def odoo_addons_dir():
    src = odoo_src()
    packaged = src / "odoo" / "addons"
    return packaged if (packaged / "web").is_dir() else src / "addons"


def oca_addons_dir():
    """The venv's odoo/addons folder, where set-up installs the OCA wheels of
    requirements-oca.txt."""
    marker = VENV / "oca_addons"
    if not marker.exists():
        raise RuntimeError("OCA addons folder unknown: run scripts/setup.sh (make test).")
    return Path(marker.read_text().strip())


def addons_path():
    """Odoo's addons, the OCA addons from PyPI, the suite's: --addons-path."""
    return f"{odoo_addons_dir()},{oca_addons_dir()},{ADDONS_DIR}"


def suite_addons():
    """Installable addons of the suite, in name order."""
    return sorted(
        path.parent.name
        for path in ADDONS_DIR.glob("*/__manifest__.py")
        if ast.literal_eval(path.read_text()).get("installable", True)
    )


def odoo_command(*args):
    return [
        str(VENV / "bin" / "python"),
        str(odoo_src() / "odoo-bin"),
        f"--addons-path={addons_path()}",
        f"--data-dir={DATA_DIR}",
        *args,
    ]


def run_odoo(*args, log_path=None, timeout=3600):
    """Run odoo-bin to completion, its output going to `log_path` as it comes
    (to follow a long run); return (returncode, log text)."""
    log_path = Path(log_path or LOG_DIR / f"odoo-{os.getpid()}.log")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        result = subprocess.run(
            odoo_command(*args), stdout=log, stderr=subprocess.STDOUT, timeout=timeout, check=False
        )
    return result.returncode, log_path.read_text()


def install_suite(database, *, demo):
    """Install every suite addon into a new empty database: (exit code, log)."""
    dropdb(database)
    args = ["-d", database, "-i", ",".join(suite_addons()), "--stop-after-init"]
    if not demo:
        args.append("--without-demo=all")
    return run_odoo(*args, log_path=LOG_DIR / f"install-{database}.log")


def dropdb(name):
    # capture_output: "does not exist, skipping" is no news; failures still raise
    subprocess.run(["dropdb", "--if-exists", "--force", name], check=True, capture_output=True)


def database_exists(name):
    out = subprocess.run(
        ["psql", "-d", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip() == "1"


def psql(database, sql):
    out = subprocess.run(
        ["psql", "-d", database, "-tA", "-F", "\t", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def started(command, url, log_path, env=None):
    """Run a server command, its output going to `log_path`; once `url` answers
    /web/health, yield the process; stop it afterwards."""
    log_path = Path(log_path)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"Odoo exited early, see {log_path}")
            try:
                requests.get(f"{url}/web/health", timeout=5)
                break
            except requests.RequestException:  # not listening yet, or still loading
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def serve(database, log_path, *extra_args):
    """Start a real Odoo HTTP server on a free loopback port; yield its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = odoo_command(
        "-d",
        database,
        f"--db-filter=^{database}$",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        "--max-cron-threads=0",
        *extra_args,
    )
    with started(command, url, log_path):
        yield url
