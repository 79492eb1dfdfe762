"""Static checks of every addon: manifests, security files, views, packaging."""

import ast
import csv
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from tests.support import suite

ADDONS = suite.suite_addons()
VERSION = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")


@cache
def manifest_path(addon):
    for root in (suite.ADDONS_DIR, suite.odoo_addons_dir(), suite.oca_addons_dir()):
        path = root / addon / "__manifest__.py"
        if path.exists():
            return path
    raise LookupError(f"unknown addon {addon}")


@cache
def manifest(addon):
    return ast.literal_eval(manifest_path(addon).read_text())


@cache
def closure(addon):
    """The addon and everything it depends on, directly or not."""
    found = {addon}
    for dependency in manifest(addon).get("depends", []):
        found |= closure(dependency)
    return frozenset(found)


def files_of(addon, pattern):
    return sorted(manifest_path(addon).parent.rglob(pattern))


def class_attribute(node, name):
    """The literal value of class attribute `name` in class `node`, or None."""
    for statement in node.body:
        if isinstance(statement, ast.Assign) and [
            ast.unparse(target) for target in statement.targets
        ] == [name]:
            try:
                return ast.literal_eval(statement.value)
            except ValueError:
                return None
    return None


@cache
def models_of(addon, *, abstract=True):
    """Models the addon defines (`_name`); without the abstract ones (mixins,
    which have no table and need no access rules) when `abstract` is False.
    A class whose `_name` is also in its `_inherit` extends that model in
    place (e.g. to add a mixin): it defines none."""
    names = set()
    for path in files_of(addon, "*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ClassDef):
                continue
            if not abstract and "models.AbstractModel" in map(ast.unparse, node.bases):
                continue
            name = class_attribute(node, "_name")
            inherits = class_attribute(node, "_inherit") or []
            if isinstance(inherits, str):
                inherits = [inherits]
            if isinstance(name, str) and name not in inherits:
                names.add(name)
    return names


@cache
def xml_ids_of(addon):
    ids = set()
    for path in files_of(addon, "*.xml"):
        ids |= {
            f"{addon}.{i}" if "." not in i else i
            for i in re.findall(r'<record[^>]* id="([\w.]+)"', path.read_text())
        }
    return ids


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest(addon):
    data = manifest(addon)
    assert VERSION.match(data["version"]), data["version"]
    assert data["license"] == "AGPL-3"
    assert "Co-op Suite Contributors" in data["author"]
    assert data["website"].startswith("https://")
    assert data["depends"]
    root = manifest_path(addon).parent
    for key in ("data", "demo"):
        for name in data.get(key, []):
            assert (root / name).is_file(), f"{key} file {name} does not exist"


@pytest.mark.parametrize("addon", ADDONS)
def test_every_test_module_is_imported(addon):
    """Odoo runs the test modules its tests/__init__.py imports, and only those."""
    tests = manifest_path(addon).parent / "tests"
    if not tests.is_dir():
        return
    imported = set(
        re.findall(r"^from \. import (test_\w+)", (tests / "__init__.py").read_text(), re.M)
    )
    assert {path.stem for path in tests.glob("test_*.py")} == imported


@pytest.mark.parametrize("addon", ADDONS)
def test_depends_only_on_community_or_suite_addons(addon):
    for dependency in closure(addon) - {addon}:
        path = manifest_path(dependency)  # raises for an addon found nowhere
        licence = manifest(dependency).get("license", "LGPL-3")
        assert licence in ("LGPL-3", "AGPL-3"), f"{dependency} is {licence}: not Community"
        assert "enterprise" not in str(path).lower()


@pytest.mark.parametrize("addon", ADDONS)
def test_imports_only_addons_it_depends_on(addon):
    allowed = closure(addon)
    for path in files_of(addon, "*.py"):
        for imported in re.findall(r"odoo\.addons\.(\w+)", path.read_text()):
            assert imported in allowed, f"{path.name} imports {imported}, not a dependency"


@pytest.mark.parametrize("addon", ADDONS)
def test_access_rules_point_at_real_models_and_groups(addon):
    csv_path = manifest_path(addon).parent / "security" / "ir.model.access.csv"
    assert csv_path.exists()
    known_models = {name.replace(".", "_") for dep in closure(addon) for name in models_of(dep)}
    known_groups = {xml_id for dep in closure(addon) for xml_id in xml_ids_of(dep)}
    own_models = {name.replace(".", "_") for name in models_of(addon, abstract=False)}
    covered = set()
    with open(csv_path) as handle:
        for row in csv.DictReader(handle):
            model = row["model_id:id"].split(".")[-1].removeprefix("model_")
            assert model in known_models, f"{row['id']}: unknown model {model}"
            covered.add(model)
            group = row["group_id:id"]
            if group:
                group = group if "." in group else f"{addon}.{group}"
                assert group in known_groups, f"{row['id']}: unknown group {group}"
    assert own_models <= covered, f"models without access rules: {own_models - covered}"


@pytest.mark.parametrize("addon", ADDONS)
def test_xml_parses_and_uses_odoo_18_view_syntax(addon):
    for path in files_of(addon, "*.xml"):
        tree = etree.parse(str(path))
        assert not tree.xpath("//tree"), f"{path.name}: <tree> is <list> in Odoo 18"
        for arch in tree.xpath("//field[@name='arch']"):
            assert not arch.xpath(".//*[@attrs or @states]"), (
                f"{path.name}: attrs/states are gone in 18"
            )


@pytest.mark.parametrize("addon", ADDONS)
def test_packaging(addon):
    root = suite.ADDONS_DIR / addon
    for name in (
        "readme/DESCRIPTION.md",
        "readme/USAGE.md",
        "static/description/icon.png",
        f"i18n/{addon}.pot",
    ):
        assert (root / name).is_file(), f"missing {name}"
    assert (root / "tests" / "__init__.py").read_text().strip(), "tests/__init__.py imports no test"


def test_no_vote_weight_anywhere():
    """One member, one vote: no field of the suite weights anything."""
    pattern = re.compile(r"^\s*\w*weight\w*\s*=\s*fields\.", re.M | re.I)
    offenders = [
        str(p) for p in Path(suite.ADDONS_DIR).rglob("*.py") if pattern.search(p.read_text())
    ]
    assert offenders == []


def test_addon_readmes_are_generated_from_their_fragments():
    script = suite.REPO / "scripts" / "gen_addon_readme.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
