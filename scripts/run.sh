#!/usr/bin/env bash
# Create the database with the whole suite and demo data if it does not exist,
# then serve it on http://$HOST:$PORT. The server listens on the loopback
# interface unless HOST says otherwise (HOST=0.0.0.0: every interface), serves
# this one database (--db-filter) and refuses Odoo's database manager and the
# `db` service (list_db = False), whose master password is generated on the
# first run. The suite test tests/test_deployment.py starts this very script.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
venv="${VENV:-$here/.venv}"
db="${DB:-coop}"
port="${PORT:-8069}"
host="${HOST:-127.0.0.1}"
conf="${ODOO_CONF:-$here/var/odoo-local.conf}"
source "$here/scripts/odoo.sh"  # $addons_path, $data_dir

# The local configuration (git-ignored, mode 600) is rewritten on every run with
# this checkout's paths, so pytest-odoo can use it too (README, Tests); the hash
# of the master password is generated once and kept.
password=""
hash=$(sed -n 's/^admin_passwd = //p' "$conf" 2>/dev/null || true)
if [ -z "$hash" ]; then
    password=$("$venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(18))')
    hash=$("$venv/bin/python" -c 'import sys; from odoo.tools.config import crypt_context
print(crypt_context.hash(sys.stdin.read().strip()))' <<<"$password")
fi
mkdir -p "$(dirname "$conf")"
(
    umask 077
    cat > "$conf.new" <<CONF
; Written by scripts/run.sh (make run) on every run; only admin_passwd is kept.
; Delete this file to have a new master password generated.
[options]
admin_passwd = $hash
list_db = False
addons_path = $addons_path
data_dir = $data_dir
CONF
)
mv "$conf.new" "$conf"

if [ -n "$password" ]; then
    cat <<MSG

  Master password of this server, generated now and shown only this once (its
  hash is in $conf; delete that file for a new one):
    $password
  The database manager and the db service stay off all the same (list_db = False).

MSG
fi
addons=$(cd "$here/addons" && ls -d */__manifest__.py | cut -d/ -f1 | paste -sd,)
if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    echo "[run] creating database $db with $addons and demo data"
    "$here/scripts/odoo.sh" --config="$conf" -d "$db" -i "$addons" --stop-after-init --log-level=warn
fi
shown_host=$host; [ "$host" != 127.0.0.1 ] || shown_host=localhost
cat <<MSG

  Co-op Suite on http://$shown_host:$port  (database $db, listening on $host)
  Demo logins (user / password):
    admin    / admin     administrator
    manager  / manager   co-op manager (approves, configures)
    officer  / officer   co-op officer (manages members)
    member   / member    portal member (http://$shown_host:$port/my/coop)

MSG
exec "$here/scripts/odoo.sh" --config="$conf" -d "$db" --db-filter="^$db\$" \
    --http-interface="$host" --http-port="$port" --no-database-list "$@"
