#!/usr/bin/env bash
# Runs BillingOne locally: installs missing machine packages, builds the solution, then starts the AppHost,
# which starts PostgreSQL, RabbitMQ and every service, and prints the gateway, Scalar, dashboard and RabbitMQ
# URLs once everything is healthy. Ctrl+C stops it all. Extra arguments go to the AppHost, e.g.
#   scripts/run.sh --AppHost:Ports:gateway=6100
# Demo data: once every service is healthy the AppHost runs scripts/seed-demo-data.sh (AppHost:DemoDataScript),
# which seeds the metering console through the gateway with the demo admin API key.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$BILLINGONE_ROOT"

ensure_packages
build_solution
log "Starting the AppHost"
# exec: Ctrl+C and SIGTERM reach the AppHost directly, which stops every child and its servers.
exec dotnet AppHost/bin/Debug/net10.0/BillingOne.AppHost.dll "$@"
