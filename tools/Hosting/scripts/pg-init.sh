#!/usr/bin/env bash
# Creates the private PostgreSQL cluster in $1 once; run by the AppHost at every start (idempotent).
# initdb refuses to run as root, so the cluster belongs to the postgres user when started as root.
set -euo pipefail
data="$1"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
mkdir -p "$data"
as_owner=()
if [[ "$(id -u)" == 0 ]]; then
    chown postgres:postgres "$data"
    as_owner=(runuser -u postgres --)
fi
chmod 700 "$data"
if [[ ! -f "$data/PG_VERSION" ]]; then
    "${as_owner[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8
fi
