#!/usr/bin/env bash
# odoo-bin of the chosen Odoo tree, with the suite's addons path and data folder.
# Sourced (scripts/run.sh), it only sets $addons_path and $data_dir.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="${VENV:-$here/.venv}"
src=$(cat "$venv/odoo_src") || { echo "Run scripts/setup.sh first." >&2; exit 1; }
addons="$src/odoo/addons"; [ -d "$addons/web" ] || addons="$src/addons"
oca=$(cat "$venv/oca_addons") || { echo "Run scripts/setup.sh first." >&2; exit 1; }
addons_path="$addons,$oca,$here/addons"
data_dir="$here/var/data"
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0
exec "$venv/bin/python" "$src/odoo-bin" --addons-path="$addons_path" --data-dir="$data_dir" "$@"
