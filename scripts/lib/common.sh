# Shared by scripts/run.sh and scripts/test.sh: repository root, quiet .NET CLI, machine prerequisites.
# Sourced, not executed.

BILLINGONE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages the run needs and the machine lacks: the PostgreSQL server binaries
# (only if no /usr/lib/postgresql/*/bin/initdb exists), rabbitmq-server, and with --browser chromium
# for the browser tests. One apt-get update, non-interactive; without root it only says what is missing. Then the
# .NET SDK is checked and the SMTP sink installed (ensure_smtp4dev).
ensure_packages() {
    local missing=()
    compgen -G '/usr/lib/postgresql/*/bin/initdb' > /dev/null || missing+=(postgresql)
    [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || missing+=(rabbitmq-server)
    if [[ "${1:-}" == "--browser" ]]; then
        [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    fi
    command -v setsid > /dev/null || missing+=(util-linux)

    if ((${#missing[@]} > 0)); then
        if [[ "$(id -u)" != 0 ]]; then
            fail "missing packages: ${missing[*]} — install them with: sudo apt-get install -y ${missing[*]}"
        fi
        log "Installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q < /dev/null
        apt-get install -y -q "${missing[@]}" < /dev/null
    fi
    require_dotnet
    ensure_smtp4dev
}

# ensure_smtp4dev: the local SMTP sink the AppHost runs (AppHost/SmtpSink.cs), the Rnwood.Smtp4dev dotnet tool, installed
# into the git-ignored .data/tools once.
ensure_smtp4dev() {
    local tools="$BILLINGONE_ROOT/.data/tools"
    [[ -x "$tools/smtp4dev" ]] && return 0
    log "Installing smtp4dev (Rnwood.Smtp4dev 3.15.0) into .data/tools"
    dotnet tool install Rnwood.Smtp4dev --version 3.15.0 --tool-path "$tools" < /dev/null > /dev/null
}

require_dotnet() {
    command -v dotnet > /dev/null || fail "the .NET SDK is not installed (dotnet not on PATH); see global.json for the version"
}

# The one build configuration of the run, test, reliability and benchmark commands: one build serves them all, and the
# default run executes optimized code, as a deployment does.
BUILD_CONFIGURATION=Release

# build_solution [project [msbuild arguments...]]: the whole solution (tests and tools included); with a project, only
# it and what it references (the AppHost builds every service it runs).
# Through the C# compiler server even where the environment turns it off (UseSharedCompilation=false, as on some CI
# machines): one warmed-up compiler for every project instead of a compiler process started and JIT-compiled per project.
# The whole solution from a fresh clone took 158 s and 260 CPU-s without it, 104 s and 195 CPU-s with it
# (docs/benchmarks.md). The server is stopped after the build rather than left idling for ten minutes.
build_solution() {
    local target="${1:-BillingOne.sln}" status=0
    log "Building $target ($BUILD_CONFIGURATION)"
    dotnet build "$BILLINGONE_ROOT/$target" -c "$BUILD_CONFIGURATION" -nologo -p:UseSharedCompilation=true "${@:2}" \
        < /dev/null || status=$?
    dotnet build-server shutdown --vbcscompiler < /dev/null > /dev/null 2>&1 || true
    return "$status"
}

# stop_test_servers: stops the PostgreSQL and RabbitMQ the tests started under .data/test-servers (shared by every test
# process of the checkout, tests/TestSupport), and the RabbitMQ node's own epmd: a fast shutdown each, waiting at most
# 30 s. Nothing to do when they are not running.
stop_test_servers() {
    local servers="$BILLINGONE_ROOT/.data/test-servers"
    local postgres_pid="" rabbitmq_pid="" epmd_port=""
    [[ -f "$servers/postgres/cluster/postmaster.pid" ]] && postgres_pid="$(head -n 1 "$servers/postgres/cluster/postmaster.pid")"
    [[ -f "$servers/rabbitmq/pid" ]] && rabbitmq_pid="$(head -n 1 "$servers/rabbitmq/pid")"
    [[ -f "$servers/rabbitmq/node" ]] && epmd_port="$(cut -d, -f2 "$servers/rabbitmq/node")"
    local stopping=()
    # SIGINT is PostgreSQL's fast shutdown; SIGTERM stops an Erlang node as init:stop() does.
    if [[ "$postgres_pid" =~ ^[0-9]+$ ]] && kill -INT "$postgres_pid" 2> /dev/null; then stopping+=("$postgres_pid"); fi
    if [[ "$rabbitmq_pid" =~ ^[0-9]+$ ]] && kill -TERM "$rabbitmq_pid" 2> /dev/null; then stopping+=("$rabbitmq_pid"); fi
    ((${#stopping[@]} > 0)) || return 0
    log "Stopping the test servers"
    local waited=0
    while ((waited < 30)) && kill -0 "${stopping[@]}" 2> /dev/null; do
        sleep 1
        waited=$((waited + 1))
    done
    if [[ "$epmd_port" =~ ^[0-9]+$ ]] && command -v epmd > /dev/null; then
        ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT="$epmd_port" epmd -kill > /dev/null 2>&1 || true
    fi
}
