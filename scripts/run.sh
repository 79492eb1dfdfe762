#!/usr/bin/env bash
# Create the database with the whole suite and demo data if it does not exist,
# then serve it on http://localhost:${PORT}.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
db="${DB:-coop}"
port="${PORT:-8069}"
addons=$(cd "$here/addons" && ls -d */__manifest__.py | cut -d/ -f1 | paste -sd,)
if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    echo "[run] creating database $db with $addons and demo data"
    "$here/scripts/odoo.sh" -d "$db" -i "$addons" --stop-after-init --log-level=warn
fi
cat <<MSG

  Co-op Suite on http://localhost:$port  (database $db)
  Demo logins (user / password):
    admin    / admin     administrator
    manager  / manager   co-op manager (approves, configures)
    officer  / officer   co-op officer (manages members)
    member   / member    portal member (http://localhost:$port/my/coop)

MSG
exec "$here/scripts/odoo.sh" -d "$db" --db-filter="^$db\$" --http-port="$port" "$@"
