"""docker-compose.yml against the Compose specification (no Docker engine here)."""

import json
import os
import re
import stat
import subprocess

import pytest
import yaml

from tests.support import suite

COMPOSE_FILE = suite.REPO / "docker-compose.yml"


def validate(path):
    return subprocess.run(
        [
            str(suite.VENV / "bin" / "check-jsonschema"),
            "--builtin-schema",
            "vendor.compose-spec",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_compose_file_follows_the_specification():
    result = validate(COMPOSE_FILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_validation_rejects_a_broken_file(tmp_path):
    broken = yaml.safe_load(COMPOSE_FILE.read_text())
    broken["services"]["odoo"]["ports"] = {"web": 8069}  # ports must be a list
    path = tmp_path / "docker-compose.yml"
    path.write_text(yaml.safe_dump(broken))
    assert validate(path).returncode != 0


def test_compose_runs_official_odoo_18_with_this_repository():
    compose = yaml.safe_load(COMPOSE_FILE.read_text())
    odoo = compose["services"]["odoo"]
    assert odoo["build"] == "."
    dockerfile = (suite.REPO / "Dockerfile").read_text()
    assert "\nFROM odoo:18\n" in dockerfile
    assert "--no-deps" in dockerfile and "-r /tmp/requirements-oca.txt" in dockerfile
    assert compose["services"]["db"]["image"].startswith("postgres:")
    mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in odoo["volumes"]}
    assert mounts["./addons"] == "/mnt/extra-addons"
    assert mounts["./odoo.conf"] == "/etc/odoo/odoo.conf"
    named = [source for source in mounts if not source.startswith(".")]
    assert named and all(name in compose["volumes"] for name in named)


ODOO_CONF = suite.REPO / "odoo.conf"
ENV_EXAMPLE = suite.REPO / ".env.example"
# What Odoo itself reads from a configuration file: the options it knows, their
# values, and whether a password is the master password.
READ_CONFIG = """
import json, sys
from odoo.tools import config
config.parse_config(["-c", sys.argv[1]])
known = {option.dest for option in config.parser._get_all_options() if option.dest}
known.add("admin_passwd")  # read from files only: no command-line option
with open(sys.argv[1]) as handle:
    keys = [line.split("=")[0].strip() for line in handle if "=" in line and line[0] not in ";#"]
print(json.dumps({
    "unknown": sorted(set(keys) - known),
    "options": {key: config[key] for key in keys},
    "master_password": config.verify_admin_password(sys.argv[2]) or False,
}, default=str))
"""


def odoo_reads(conf_path, password="admin"):
    result = subprocess.run(
        [str(suite.VENV / "bin" / "python"), "-c", READ_CONFIG, str(conf_path), password],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


def test_odoo_conf_turns_the_database_manager_off_and_runs_workers():
    read = odoo_reads(ODOO_CONF)
    assert read["unknown"] == [], "options Odoo does not know (typos?)"
    options = read["options"]
    assert options["list_db"] is False
    assert options["db_name"] == "coop" and options["dbfilter"] == "^coop$"
    assert options["proxy_mode"] is True
    assert options["without_demo"] == "all"
    assert options["workers"] >= 2 and options["max_cron_threads"] >= 1
    for limit in ("limit_memory_soft", "limit_memory_hard", "limit_time_cpu", "limit_time_real"):
        assert options[limit] > 0, limit
    assert options["limit_memory_soft"] < options["limit_memory_hard"]
    assert options["limit_request"] > 0
    assert "admin_passwd" not in options and "db_password" not in options


def test_no_password_is_committed_nor_defaulted():
    """Every password of the Compose file is a required variable, documented empty
    in .env.example; .env itself is git-ignored."""
    text = COMPOSE_FILE.read_text()
    used = set(re.findall(r"\$\{(\w+)", text))
    assert not re.search(r"\$\{\w+:?-", text), "a variable with a default value"
    for service in compose()["services"].values():
        for key, value in service.get("environment", {}).items():
            if "PASSWORD" in key and not key.endswith("_FILE"):
                assert re.fullmatch(r"\$\{\w+:\?[^}]+\}", value), f"{key}: {value}"
    documented = dict(
        line.split("=", 1)
        for line in ENV_EXAMPLE.read_text().splitlines()
        if re.match(r"\w+=", line)
    )
    assert set(documented) == used
    assert all(value == "" for value in documented.values())
    ignored = subprocess.run(
        ["git", "-C", str(suite.REPO), "check-ignore", "-q", ".env"], check=False
    )
    assert ignored.returncode == 0, ".env is not git-ignored"


def test_ports_are_published_on_the_loopback_interface_only():
    for service in compose()["services"].values():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), port


@pytest.fixture
def entrypoint(tmp_path):
    """The odoo service's entrypoint wrapper, runnable here: its paths inside the
    container moved under tmp_path, the image's /entrypoint.sh replaced by a script
    that records how it was called."""
    command = compose()["services"]["odoo"]["entrypoint"]
    assert command[:2] == ["/bin/bash", "-c"]
    script = command[2].replace("$$", "$")  # Compose's escape of $
    paths = {
        "/etc/odoo/odoo.conf": ODOO_CONF,
        "/run/odoo/": tmp_path / "run" / "",
        "/entrypoint.sh": tmp_path / "entrypoint.sh",
    }
    for inside, outside in paths.items():
        assert inside in script
        script = script.replace(inside, str(outside) + ("/" if inside.endswith("/") else ""))
    (tmp_path / "run").mkdir()
    paths["/entrypoint.sh"].write_text(
        '#!/bin/bash\nprintf "%s\\n" "$ODOO_RC" "${ODOO_MASTER_PASSWORD-unset}" "$@"\n'
    )
    paths["/entrypoint.sh"].chmod(0o755)

    def run(env):
        return subprocess.run(
            ["/bin/bash", "-c", script, *command[3:], *compose()["services"]["odoo"]["command"]],
            env={"PATH": os.environ["PATH"], **env},
            capture_output=True,
            text=True,
            check=False,
        )

    return run


def test_entrypoint_gives_odoo_the_master_password_from_the_environment(entrypoint):
    result = entrypoint({"ODOO_MASTER_PASSWORD": "s3cret%$ word"})
    assert result.returncode == 0, result.stderr
    conf, password_seen_by_odoo, *args = result.stdout.splitlines()
    assert args == ["odoo"]
    assert password_seen_by_odoo == "unset"
    assert stat.S_IMODE(os.stat(conf).st_mode) == 0o600
    read = odoo_reads(conf, "s3cret%$ word")
    assert read["master_password"] is True
    assert read["unknown"] == [] and read["options"]["list_db"] is False
    assert odoo_reads(conf, "admin")["master_password"] is False


@pytest.mark.parametrize("env", [{}, {"ODOO_MASTER_PASSWORD": ""}])
def test_entrypoint_refuses_to_start_without_a_master_password(entrypoint, env):
    result = entrypoint(env)
    assert result.returncode != 0
    assert "ODOO_MASTER_PASSWORD" in result.stderr
    assert not result.stdout, "the image's entrypoint was called"
