#!/usr/bin/env bash
# The ingest benchmark: installs missing machine packages, builds the solution in Release, starts the whole system
# (the Aspire AppHost with its own PostgreSQL and RabbitMQ), pushes readings through the gateway over HTTP and gRPC,
# copies the same readings straight into the table as the ceiling, and writes the figures to docs/benchmarks.md.
# Options go to the tool, e.g.  scripts/bench.sh --readings 500000 --batch 10000 --concurrency 8
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$BILLINGONE_ROOT"

ensure_packages
build_solution Release
log "Running the ingest benchmark"
exec dotnet tools/Bench/bin/Release/net10.0/BillingOne.Bench.dll "$@"
