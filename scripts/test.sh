#!/usr/bin/env bash
# Runs every test of BillingOne: installs missing machine packages (PostgreSQL, RabbitMQ, Chromium for the
# browser tests), builds the solution, runs `dotnet test`, prints one line of totals and exits non-zero when
# anything failed. Tests start their own PostgreSQL and RabbitMQ through tests/TestSupport (one pair shared by
# all test processes, under .data/test-servers). Works unattended (CI=true, no stdin).
#
# Usage: scripts/test.sh [--quick | --unit | --integration | --e2e | --browser | --reliability]
# One option runs one tier alone: the tests whose trait Category is Unit (pure, no server or process),
# Integration (real PostgreSQL/RabbitMQ or an in-process host), EndToEnd (the whole AppHost), Browser
# (Playwright against the whole AppHost) or Reliability (usage streamed through the whole AppHost while its
# services are killed and its servers restarted); --quick runs Unit and Integration, no whole-system tier.
# The test servers are stopped when the command ends, pass or fail.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$BILLINGONE_ROOT"

started=$SECONDS
tier=""
case "${1:-}" in
    "") ;;
    --quick) tier=Quick ;;
    --unit) tier=Unit ;;
    --integration) tier=Integration ;;
    --e2e) tier=EndToEnd ;;
    --browser) tier=Browser ;;
    --reliability) tier=Reliability ;;
    *) fail "unknown option '$1'; usage: scripts/test.sh [--quick | --unit | --integration | --e2e | --browser | --reliability]" ;;
esac
filter=()
case "$tier" in
    "") ;;
    Quick) filter=(--filter "Category=Unit|Category=Integration") ;;
    *) filter=(--filter "Category=$tier") ;;
esac
# Without a whole-system tier, four test projects at a time: their tests mostly wait on the test servers, so two (one
# per core, dotnet test's default) leave the cores half idle. With one, two: a whole system's quick liveness probes
# (the faulted system's) must not starve.
parallel=()
case "$tier" in
    Quick | Unit | Integration) parallel=(-m:4) ;;
esac

# Unit tests start no server, so they need no machine packages; only the browser tiers need chromium.
case "$tier" in
    Unit) require_dotnet ;;
    Quick | Integration | EndToEnd | Reliability) ensure_packages ;;
    *) ensure_packages --browser ;;
esac
# The .editorconfig rules at warning are enforced by the build itself (EnforceCodeStyleInBuild, warnings are errors);
# the layout is checked here, reading the files as text (loading the solution would take minutes). It needs no build, so
# it runs beside it: about 10 s each, which one after the other added up on a built checkout.
log "Checking the code's layout against .editorconfig, beside the build"
layout_output="$(mktemp)"
dotnet format whitespace --folder . --verify-no-changes < /dev/null > "$layout_output" 2>&1 &
layout_check=$!
build_solution
if ! wait "$layout_check"; then
    cat "$layout_output" >&2
    fail "the code does not follow .editorconfig: run 'dotnet format BillingOne.sln' and commit the result"
fi
rm -f "$layout_output"

trap stop_test_servers EXIT
# The tests are CPU-bound on two cores and start hundreds of short-lived processes and hosts (test hosts, every
# whole system's services): tiered PGO's instrumentation costs them more than its optimized code gives back before
# they exit. Measured in docs/benchmarks.md ("Where the test suite's time goes").
export DOTNET_TieredPGO=0
results="$BILLINGONE_ROOT/TestResults"
mkdir -p "$results"
output="$results/dotnet-test.log"
log "Running ${tier:-all} tests (output also in ${output#"$BILLINGONE_ROOT"/})"
set +e
# Minimal console verbosity: failures in full, one summary line per test project (counted below). Each project's
# results, with every test's start and end, are kept as a .trx file in TestResults (where the time went).
# A hung test fails within three minutes: whole-system tests by their own timeout, every other test host is stopped
# by the hang timeout of Directory.Build.props.
dotnet test BillingOne.sln --no-build -c "$BUILD_CONFIGURATION" -nologo "${filter[@]}" "${parallel[@]}" \
    --logger "console;verbosity=minimal" --logger trx \
    --results-directory "$results" \
    < /dev/null 2>&1 | tee "$output"
status=${PIPESTATUS[0]}
set -e
# Stopped here rather than only on exit, so the totals below stay the last lines printed.
stop_test_servers
trap - EXIT

# Each test project ends with a line like "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ...".
read -r passed failed skipped projects < <(
    sed 's/\x1b\[[0-9;]*m//g' "$output" | awk '
        /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
            gsub(/,/, "")
            for (i = 1; i < NF; i++) {
                if ($i == "Failed:") f += $(i + 1)
                if ($i == "Passed:") p += $(i + 1)
                if ($i == "Skipped:") s += $(i + 1)
            }
            n++
        }
        END { printf "%d %d %d %d\n", p, f, s, n }')

elapsed=$((SECONDS - started))
echo
echo "Test projects run: ${projects}, in $((elapsed / 60)) min $((elapsed % 60)) s (build included)"
# CI reads this plain closing line: it must stand alone on its line.
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if ((status != 0)); then
    echo "dotnet test exited with code ${status}" >&2
    exit 1
fi
if ((failed > 0)); then
    exit 1
fi
