#!/usr/bin/env bash
# Static checks of the addons and tools: ruff, pylint-odoo (OCA mandatory checks
# for 18.0) and OCA's odoo-pre-commit-hooks. Non-zero exit on any finding.
set -uo pipefail
cd "$(dirname "$0")/.."
bin="${VENV:-.venv}-lint/bin"
failed=()
step() { echo "-- $*"; "$@" || failed+=("$(basename "$1")"); }
step "$bin/ruff" check --no-fix .
step "$bin/ruff" format --check .
step "$bin/pylint" --rcfile=.pylintrc addons/*/
shopt -s nullglob
modules=(addons/*/__manifest__.py)
po_files=(addons/*/i18n/*.po addons/*/i18n/*.pot)
[ ${#modules[@]} -eq 0 ] || step "$bin/oca-checks-odoo-module" "${modules[@]}"
[ ${#po_files[@]} -eq 0 ] || step "$bin/oca-checks-po" "${po_files[@]}"
# named last, so that the tail of a long run says which linter objected
[ ${#failed[@]} -eq 0 ] || { echo "lint failed: ${failed[*]}"; exit 1; }
