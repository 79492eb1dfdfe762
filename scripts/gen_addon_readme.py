"""Write addons/<addon>/README.md from the addon's manifest and readme/ fragments.

`--check` exits non-zero when a README is out of date (run by the suite tests).
"""

import ast
import sys
from pathlib import Path

ADDONS_DIR = Path(__file__).resolve().parents[1] / "addons"
SECTIONS = [
    ("DESCRIPTION", None),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("HISTORY", "Changelog"),
    ("CONTRIBUTORS", "Contributors"),
    ("CREDITS", "Other credits"),
]


def render(addon_dir):
    manifest = ast.literal_eval((addon_dir / "__manifest__.py").read_text())
    parts = [f"# {manifest['name']}", "", manifest["summary"], ""]
    parts += [
        f"`{addon_dir.name}` · version {manifest['version']} · licence {manifest['license']}",
        "",
    ]
    for fragment, heading in SECTIONS:
        path = addon_dir / "readme" / f"{fragment}.md"
        if not path.exists():
            continue
        if heading:
            parts += [f"## {heading}", ""]
        parts += [path.read_text().strip(), ""]
    parts += ["## Authors", "", f"- {manifest['author']}", ""]
    return "\n".join(parts)


def main():
    check = "--check" in sys.argv
    stale = []
    for manifest in sorted(ADDONS_DIR.glob("*/__manifest__.py")):
        addon_dir = manifest.parent
        readme = addon_dir / "README.md"
        text = render(addon_dir)
        if readme.exists() and readme.read_text() == text:
            continue
        if check:
            stale.append(addon_dir.name)
        else:
            readme.write_text(text)
            print(f"wrote {readme}")
    if stale:
        sys.exit(f"README.md out of date (run scripts/gen_addon_readme.py): {', '.join(stale)}")


if __name__ == "__main__":
    main()
