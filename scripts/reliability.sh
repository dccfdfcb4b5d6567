#!/usr/bin/env bash
# The large reliability run: installs missing machine packages, builds the solution, starts the whole system (the
# Aspire AppHost with its own PostgreSQL and RabbitMQ) and streams a million usage readings (or N) through the
# gateway over HTTP and gRPC while ingestion and metering are killed and PostgreSQL and RabbitMQ are restarted, each
# during a fifth of the readings; a failed call is retried as a client would. It fails unless every reading is
# stored exactly once with the exact quantity sum, and prints the figures for docs/reliability.md.
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
BILLINGONE_RELIABILITY_READINGS="$readings" dotnet test tests/EndToEnd.Tests --no-build -c Debug -nologo \
    --filter "Category=Reliability" --logger "console;verbosity=detailed" < /dev/null
