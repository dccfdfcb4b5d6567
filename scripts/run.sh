#!/usr/bin/env bash
# Runs BillingOne locally: installs missing machine packages, builds the AppHost and what it runs, then starts the AppHost,
# which starts PostgreSQL, RabbitMQ, every service, the gateway, the web UI, the vendor sandbox and the demo seeder,
# and prints the Aspire dashboard and app URLs once the gateway is healthy. Ctrl+C stops it all. Extra arguments go
# to the AppHost, e.g.
#   scripts/run.sh --AppHost:Ports:gateway=6100
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$BILLINGONE_ROOT"

ensure_packages
# Only what runs: the AppHost and the projects it starts, not the test projects.
build_solution AppHost/AppHost.csproj
log "Starting the AppHost (Aspire dashboard on http://127.0.0.1:5101, anonymous on loopback)"
# The launch profile "http" puts the dashboard on fixed loopback ports without a login token.
# exec: Ctrl+C and SIGTERM reach dotnet run and the AppHost directly; Aspire then stops every resource.
exec dotnet run --project AppHost --no-build -c "$BUILD_CONFIGURATION" --launch-profile http -- "$@"
