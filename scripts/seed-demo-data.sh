#!/usr/bin/env bash
# Seeds the demo organization's metering data (clients, unit types, assignment and suppression rules, ingest keys,
# ~35 days of usage readings, an auto-provisioning run) through the gateway. The AppHost runs it once every service
# is healthy (AppHost:DemoDataScript) and sets the variables below; by hand, against a running AppHost:
#   scripts/seed-demo-data.sh
# Idempotent: a re-run finds what exists and sends the same readings again, which ingestion counts as duplicates.
#   BILLINGONE_GATEWAY_URL        default http://127.0.0.1:5100/
#   BILLINGONE_DATA_DIR           default .data/apphost (the seeder keeps its ingest keys there)
#   BILLINGONE_ADMIN_API_KEY      default: the key in $BILLINGONE_DATA_DIR/seed-admin-api.key
#   BILLINGONE_BUILD_CONFIGURATION default Debug
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$BILLINGONE_ROOT"

export BILLINGONE_GATEWAY_URL="${BILLINGONE_GATEWAY_URL:-http://127.0.0.1:5100/}"
export BILLINGONE_DATA_DIR="${BILLINGONE_DATA_DIR:-$BILLINGONE_ROOT/.data/apphost}"
if [[ -z "${BILLINGONE_ADMIN_API_KEY:-}" ]]; then
    key_file="$BILLINGONE_DATA_DIR/seed-admin-api.key"
    [[ -r "$key_file" ]] || fail "BILLINGONE_ADMIN_API_KEY is not set and $key_file does not exist: start the AppHost first"
    BILLINGONE_ADMIN_API_KEY="$(< "$key_file")"
    export BILLINGONE_ADMIN_API_KEY
fi

seeder="tools/DemoSeeder/bin/${BILLINGONE_BUILD_CONFIGURATION:-Debug}/net10.0/BillingOne.DemoSeeder.dll"
[[ -f "$seeder" ]] || fail "$seeder is missing: build first (dotnet build BillingOne.sln)"
exec dotnet "$seeder" < /dev/null
