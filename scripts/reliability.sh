#!/usr/bin/env bash
# The large reliability run: installs missing machine packages, builds the solution, starts the whole system (the
# Aspire AppHost with its own PostgreSQL and RabbitMQ) and streams a million usage readings (or N) through the
# gateway over HTTP and gRPC while ingestion and metering are killed, PostgreSQL and RabbitMQ are restarted and
# crashed, and PostgreSQL stays down for two minutes (BILLINGONE_RELIABILITY_OUTAGE_SECONDS), each during an eighth of
# the readings and the server faults during a Pax8 and an RMM sync; a failed call is retried as a client would. It
# fails unless every reading is stored exactly once with the exact quantity sum, every service answers within a minute
# of each phase, every sync ends completed or failed with a reason and no _error queue holds a message, and prints the
# figures for docs/reliability.md.
# The same test runs with 50,000 readings in the README's test command (scripts/test.sh --reliability).
#
# Usage: scripts/reliability.sh [READINGS]   (at least 50000; default 1000000)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$BILLINGONE_ROOT"

readings="${1:-1000000}"
[[ "$readings" =~ ^[0-9]+$ ]] && ((readings >= 50000)) || fail "READINGS must be a whole number of at least 50000"

ensure_packages
build_solution
log "Streaming ${readings} readings through faults"
BILLINGONE_RELIABILITY_READINGS="$readings" BILLINGONE_RELIABILITY_OUTAGE_SECONDS="${BILLINGONE_RELIABILITY_OUTAGE_SECONDS:-120}" \
    dotnet test tests/EndToEnd.Tests --no-build -c "$BUILD_CONFIGURATION" -nologo \
    --filter "Category=Reliability" --logger "console;verbosity=detailed" < /dev/null
