#!/usr/bin/env bash
# Idempotent set-up of everything the suite needs on a Debian/Ubuntu machine:
# system packages, a running PostgreSQL with a role for the current user,
# the Odoo 18 source tree and a virtual environment with its requirements.
# A second run only checks and returns within seconds.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
venv="${VENV:-$here/.venv}"
odoo_cache="${XDG_CACHE_HOME:-$HOME/.cache}/odoo/18.0"
odoo_git_url="${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- system packages -------------------------------------------------------
apt_packages=(
    postgresql postgresql-client        # database server, started below
    python3 python3-venv python3-dev build-essential
    libpq-dev libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev
    wkhtmltopdf                         # PDF reports
    chromium                            # browser tours (HttpCase.start_tour)
    poppler-utils                       # pdftotext, to read generated reports in tests
)
missing=()
for pkg in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null || die "Missing system packages (${missing[*]}) and no apt-get: install them by hand."
    say "installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- PostgreSQL ------------------------------------------------------------
if ! pg_isready -q; then
    say "starting PostgreSQL"
    if command -v pg_lsclusters >/dev/null && [ -z "$(pg_lsclusters -h)" ]; then
        as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -1)" main
    fi
    if command -v pg_ctlcluster >/dev/null; then
        pg_lsclusters -h | while read -r ver name _; do as_root pg_ctlcluster "$ver" "$name" start || true; done
    else
        as_root service postgresql start
    fi
    for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
    pg_isready -q || die "PostgreSQL did not start."
fi
db_user=$(id -un)
if ! psql -d postgres -tAc "select 1" >/dev/null 2>&1; then
    say "creating PostgreSQL role $db_user"
    as_root su postgres -c "createuser --superuser '$db_user'"
fi

# --- Odoo source -----------------------------------------------------------
if [ -n "${ODOO_SRC:-}" ]; then
    odoo_src="$ODOO_SRC"
elif [ -f "$odoo_cache/odoo-bin" ]; then
    odoo_src="$odoo_cache"
else
    say "no Odoo source in \$ODOO_SRC or $odoo_cache: cloning branch 18.0"
    mkdir -p "$(dirname "$odoo_cache")"
    if ! git clone --quiet --depth 1 --branch 18.0 "$odoo_git_url" "$odoo_cache"; then
        rm -rf "$odoo_cache"
        die "Odoo 18 source not found and could not be cloned from $odoo_git_url. Put an Odoo 18.0 tree in $odoo_cache or set ODOO_SRC to one."
    fi
    odoo_src="$odoo_cache"
fi
[ -f "$odoo_src/odoo-bin" ] || die "ODOO_SRC=$odoo_src has no odoo-bin: it is not an Odoo source tree."
grep -qE "^version_info = \(18, 0" "$odoo_src/odoo/release.py" || die "$odoo_src is not Odoo 18.0."
web_lib="$odoo_src/odoo/addons/web/static/lib"; [ -d "$web_lib" ] || web_lib="$odoo_src/addons/web/static/lib"
[ -d "$web_lib" ] || die "$odoo_src lacks web/static/lib: the Odoo tree is incomplete."

# --- Python environments ---------------------------------------------------
# .venv runs Odoo and the tests; .venv-lint holds the linters, whose own pins
# clash with Odoo's (polib, astroid...).
python="${PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}"
pip_install() {  # VENV_DIR REQUIREMENT_FILES...
    local dir=$1; shift
    local key; key=$(cat "$@" "$0" | sha256sum | cut -c1-16)
    [ -f "$dir/.coop-setup-$key" ] && return 0
    [ -x "$dir/bin/python" ] || { say "creating virtual environment $dir"; "$python" -m venv "$dir"; }
    say "installing Python requirements into $dir"
    local constraints log; constraints=$(mktemp); log=$(mktemp)
    echo "setuptools<70" > "$constraints"   # old sdists in Odoo's pins import pkg_resources
    local args=(); for f in "$@"; do args+=(-r "$f"); done
    if ! PIP_CONSTRAINT="$constraints" PIP_DISABLE_PIP_VERSION_CHECK=1 \
            sh -c '"$0/bin/pip" install "pip<25" "setuptools<70" wheel && "$0/bin/pip" install "$@"' \
            "$dir" "${args[@]}" >"$log" 2>&1; then
        grep -v "^WARNING: Location" "$log" | tail -40 >&2
        die "pip install into $dir failed (full log: $log)"
    fi
    rm -f "$constraints" "$log" "$dir"/.coop-setup-*
    touch "$dir/.coop-setup-$key"
}
pip_install "$venv" "$odoo_src/requirements.txt" "$here/requirements.txt" "$here/requirements-test.txt"
pip_install "$venv-lint" "$here/requirements-lint.txt"
# Odoo is not a pip package: make the source importable (pytest, benchmarks).
site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
# OCA addons from PyPI (requirements-oca.txt): their wheels require a pip
# package `odoo`, which a source tree is not, so they go in without dependencies
# (the file lists them all) and land in the venv's odoo/addons folder, which
# joins the addons path (scripts/odoo.sh, tests/support/suite.py).
oca_key=$(cat "$here/requirements-oca.txt" | sha256sum | cut -c1-16)
if [ ! -f "$venv/.coop-oca-$oca_key" ]; then
    say "installing OCA addons from requirements-oca.txt"
    log=$(mktemp)
    # an OCA addon dropped from the file leaves the venv too
    stale=$("$venv/bin/python" - "$here/requirements-oca.txt" <<'PY'
import re, sys
from importlib.metadata import distributions
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
wanted = {norm(line.split("==")[0]) for line in open(sys.argv[1]) if re.match(r"\s*odoo-addon", line)}
print(" ".join(d.metadata["Name"] for d in distributions()
               if norm(d.metadata["Name"]).startswith("odoo-addon-") and norm(d.metadata["Name"]) not in wanted))
PY
)
    if { [ -z "$stale" ] || "$venv/bin/pip" uninstall -y $stale; } >"$log" 2>&1 \
        && PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install --no-deps -r "$here/requirements-oca.txt" >>"$log" 2>&1; then
        rm -f "$log" "$venv"/.coop-oca-*
        touch "$venv/.coop-oca-$oca_key"
    else
        grep -v "^WARNING: Location" "$log" | tail -20 >&2
        die "pip install -r requirements-oca.txt failed (full log: $log)"
    fi
fi
echo "$odoo_src" > "$site/odoo_src.pth"
echo "$odoo_src" > "$venv/odoo_src"
echo "$site/odoo/addons" > "$venv/oca_addons"
