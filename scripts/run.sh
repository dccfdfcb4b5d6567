#!/usr/bin/env bash
# Runs BillingOne locally: installs missing machine packages, builds the AppHost and what it runs, then starts the AppHost,
# which starts PostgreSQL, RabbitMQ, every service, the gateway, the web UI, the vendor sandbox and the demo seeder,
# and prints the Aspire dashboard and app URLs once the gateway and every service behind it are healthy. Ctrl+C stops
# it all. Extra arguments go to the AppHost, e.g.
#   scripts/run.sh --AppHost:Ports:gateway=6100
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$BILLINGONE_ROOT"

ensure_packages
# Only what runs: the AppHost and the projects it starts, not the test projects. A run with nothing changed since the
# last build of them skips it (MSBuild's own up-to-date check of 18 projects takes about 8 s): no file of theirs, nor
# of the build settings, is newer than that build's start.
built="$BILLINGONE_ROOT/.data/apphost-built-$BUILD_CONFIGURATION"
sources=(AppHost ServiceDefaults services gateway tools Directory.Build.props Directory.Packages.props global.json .editorconfig)
if [[ -f "$built" && -z "$(find "${sources[@]}" \( -name bin -o -name obj \) -prune -o -newer "$built" -print -quit)" ]]; then
    log "The AppHost and what it runs are built and unchanged since (delete ${built#"$BILLINGONE_ROOT"/} to build anyway)"
else
    mkdir -p "$(dirname "$built")"
    # Marked before the build, so that a file changed while it runs is built the next time.
    touch "$built.started"
    # Without analyzers (the code-style rules, which scripts/test.sh enforces): they are most of the compile time.
    build_solution AppHost/AppHost.csproj -p:RunAnalyzers=false
    mv "$built.started" "$built"
fi
log "Starting the AppHost (Aspire dashboard on http://127.0.0.1:5101, anonymous on loopback)"
# The launch profile "http" puts the dashboard on fixed loopback ports without a login token.
# exec: Ctrl+C and SIGTERM reach dotnet run and the AppHost directly; Aspire then stops every resource.
exec dotnet run --project AppHost --no-build -c "$BUILD_CONFIGURATION" --launch-profile http -- "$@"
