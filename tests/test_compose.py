"""docker-compose.yml against the Compose specification (no Docker engine here)."""

import subprocess

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
    assert odoo["image"] == "odoo:18"
    assert compose["services"]["db"]["image"].startswith("postgres:")
    mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in odoo["volumes"]}
    assert mounts["./addons"] == "/mnt/extra-addons"
    assert mounts["./odoo.conf"] == "/etc/odoo/odoo.conf"
    named = [source for source in mounts if not source.startswith(".")]
    assert named and all(name in compose["volumes"] for name in named)
