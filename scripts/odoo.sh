#!/usr/bin/env bash
# odoo-bin of the chosen Odoo tree, with the suite's addons path and data folder.
here=$(cd "$(dirname "$0")/.." && pwd)
venv="${VENV:-$here/.venv}"
src=$(cat "$venv/odoo_src") || { echo "Run scripts/setup.sh first." >&2; exit 1; }
addons="$src/odoo/addons"; [ -d "$addons/web" ] || addons="$src/addons"
exec "$venv/bin/python" "$src/odoo-bin" --addons-path="$addons,$here/addons" --data-dir="$here/var/data" "$@"
