#!/usr/bin/env bash
# The soak (issue #20, point 7; not in CI): installs missing machine packages, builds the solution in Release, starts
# the whole system (the Aspire AppHost with its own PostgreSQL and RabbitMQ), measures the maximum (a minute of HTTP
# NDJSON calls at full speed, stored readings/s) and sends half of it steadily through the gateway for 30 minutes,
# HTTP NDJSON and gRPC calls of 5000 readings in turn. Every 10 s it samples the resident memory of ingestion,
# metering, the gateway, PostgreSQL and RabbitMQ, metering's queue depth, ingestion's unsent outbox rows and how far
# storing trails acknowledging. It writes the figures between the soak markers of docs/reliability.md, and fails on
# any error answer, any acknowledged reading not stored exactly once, or a queue or outbox that keeps growing.
#
#   scripts/soak.sh [--minutes N] [--rate R] [--batch N] [--concurrency N] [--grpc-message N] [--output FILE]
#     --minutes: how long to send (default 30); --rate: readings/s to send instead of half the measured maximum.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$BILLINGONE_ROOT"

ensure_packages
build_solution
log "Running the soak"
exec dotnet "tools/Bench/bin/$BUILD_CONFIGURATION/net10.0/BillingOne.Bench.dll" --scenario soak "$@"
