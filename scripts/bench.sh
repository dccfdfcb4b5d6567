#!/usr/bin/env bash
# The benchmarks: installs missing machine packages, builds the solution in Release, starts the whole system (the
# Aspire AppHost with its own PostgreSQL and RabbitMQ), runs one scenario and writes its figures to docs/benchmarks.md.
#
#   scripts/bench.sh [--scenario ingest] [--readings N] [--batch N] [--concurrency N] [--grpc-message N] [--copy-rows N]
#     [--output FILE]
#     (default) pushes readings through the gateway over HTTP and gRPC, waits until the system has drained, then copies
#     readings straight into the table as the ceiling; 300000 readings, 5000 per call, 4 calls in flight, 1000 readings
#     per gRPC message, 1000000 rows copied. Reports each scenario's whole-system CPU per stored reading as a multiple of
#     the COPY's CPU per row (PostgreSQL and the COPY client).
#   scripts/bench.sh --scenario billing [--readings N] [--buckets N] [--output FILE]
#     loads a closed month of readings (default 10000000) into buckets (default 10000; 10 per client, 4 assets each),
#     bills it with a run requested through the gateway, and computes the same usage in one SQL statement as the
#     baseline; fails if any bucket's usage differs.
#   scripts/bench.sh --scenario sync [--output FILE]
#     syncs the sandbox's Pax8 and RMM data through the gateway (both started together, as Sync All does), then again
#     with nothing changed, and reads every page of the same lists straight from the sandbox as the baseline. An RMM
#     sync the build does not offer yet (404) is reported as not available.
#   scripts/bench.sh --scenario pages [--calls N] [--output FILE]
#     brings the licence side to the sandbox's full data through the gateway (clients, Pax8 and RMM sync, every
#     account mapped, a device snapshot), then times each API call of the licence pages (default 200 sequential calls
#     per request) through the gateway and, as the baseline, straight to the owning service; target p95 < 300 ms.
#   scripts/bench.sh --scenario default-run [the ingest options] [--output FILE]
#     sends the ingest scenario's HTTP and gRPC readings through a system started as the benchmarks start it, then
#     through one started as scripts/run.sh starts it (dashboard, demo data), and writes both rates side by side.
#   scripts/bench.sh --scenario analytics [--buckets N] [--calls N] [--output FILE]
#     writes buckets (default 10000; 5 per client) with 12 finalized months and the current one straight into the
#     projection, recalculates every projection through the gateway three times (target < 10 s), then times each API
#     call of the metering analytics pages (Projections, Dashboard, Over/Under, a client's Billing Buckets) through the
#     gateway and straight to the projection, as the pages scenario does; target p95 < 300 ms.
#   scripts/bench.sh --scenario browser [--rounds N] [--output FILE]
#     starts the system as scripts/run.sh does (demo world seeded and settled), then opens every screen of the web UI's
#     navigation (and its Settings tabs and a client's page) in a fresh headless chromium (default 5 times each) and
#     clicks through them in a warm one (default 5 rounds, with a sort and a client opened on the way), timing each until
#     its content is visible, against the same screens' files and API calls fetched raw through the gateway; targets:
#     first load <= 2 s, click-to-content p95 <= 300 ms.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$BILLINGONE_ROOT"

ensure_packages
build_solution
log "Running the benchmark"
exec dotnet "tools/Bench/bin/$BUILD_CONFIGURATION/net10.0/BillingOne.Bench.dll" "$@"
