#!/usr/bin/env bash
# Runs the private PostgreSQL of $1 on 127.0.0.1:$2 in the foreground, as the AppHost's executable resource.
# The AppHost stops a resource with SIGTERM and SIGKILLs it 6 s later; PostgreSQL takes SIGTERM as a smart shutdown
# that waits for every client, so TERM and INT both become INT, a fast shutdown that always ends clean.
# Further arguments go to postgres (e.g. -c fsync=off).
# Sized for a write-heavy ingest (docs/benchmarks.md): checkpoints spaced out by time rather than forced every few
# hundred MB of WAL, so index pages are not written whole again after each one, and the full pages that are, compressed.
set -uo pipefail
data="$1"
port="$2"
shift 2
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
as_owner=()
# setpriv execs (runuser would fork), so the signal below reaches the postmaster itself.
[[ "$(id -u)" == 0 ]] && as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups)
"${as_owner[@]}" "$bin/postgres" -D "$data" -p "$port" -k "$data" -c listen_addresses=127.0.0.1 \
    -c max_connections=300 -c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=15min \
    -c wal_compression=lz4 "$@" &
postmaster=$!
trap 'kill -INT "$postmaster"' TERM INT
wait "$postmaster"
status=$?
# A trapped signal interrupts the first wait: wait again for the postmaster to finish its shutdown.
if kill -0 "$postmaster" 2> /dev/null; then
    wait "$postmaster"
    status=$?
fi
exit "$status"
