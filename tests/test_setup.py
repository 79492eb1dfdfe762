"""Set-up stops with a clear message when no Odoo source can be had."""

import ast
import os
import subprocess

from tests.support import suite

SETUP = suite.REPO / "scripts" / "setup.sh"


def run_setup(**env):
    base = {key: value for key, value in os.environ.items() if key != "ODOO_SRC"}
    return subprocess.run(
        ["bash", str(SETUP)],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_fails_naming_odoo_src_when_no_source_can_be_found(tmp_path):
    result = run_setup(
        XDG_CACHE_HOME=str(tmp_path), ODOO_GIT_URL=str(tmp_path / "no-such-repository")
    )
    assert result.returncode != 0
    assert "ODOO_SRC" in result.stderr
    assert not (tmp_path / "odoo" / "18.0").exists()


def test_fails_when_odoo_src_is_not_an_odoo_tree(tmp_path):
    result = run_setup(ODOO_SRC=str(tmp_path))
    assert result.returncode != 0
    assert "no odoo-bin" in result.stderr


def test_ci_runs_the_readme_test_command():
    readme = (suite.REPO / "README.md").read_text()
    first_screen = "\n".join(readme.splitlines()[:40])
    assert "make run" in first_screen and "make test" in first_screen
    assert "make test" in (suite.REPO / ".ci" / "run").read_text()


def test_second_run_reuses_the_environment():
    result = run_setup()
    assert result.returncode == 0, result.stderr
    assert "installing" not in result.stderr and "creating" not in result.stderr


def test_oca_addons_of_the_requirements_file_are_on_the_addons_path():
    """Each pinned odoo-addon-* wheel of requirements-oca.txt is installed, at its
    version, in the folder the addons path names (without an `odoo` package)."""
    pins = {}
    for line in (suite.REPO / "requirements-oca.txt").read_text().splitlines():
        requirement = line.split("#")[0].strip()
        if requirement:
            name, version = requirement.split("==")
            pins[name.removeprefix("odoo-addon-").replace("-", "_")] = version
    assert pins
    folder = suite.oca_addons_dir()
    assert f"{folder}" in suite.addons_path().split(",")
    for addon, version in pins.items():
        manifest = ast.literal_eval((folder / addon / "__manifest__.py").read_text())
        assert version.startswith(manifest["version"]), (addon, version, manifest["version"])
    # the wheels' `odoo==18.0.*` requirement stayed out: Odoo is the source tree
    assert not (folder.parent / "__init__.py").exists()
    source = subprocess.run(
        [str(suite.VENV / "bin" / "python"), "-c", "import odoo; print(odoo.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert source.startswith(str(suite.odoo_src()))
