#!/usr/bin/env bash
# Runs the AppHost's RabbitMQ node in the foreground, as its executable resource. Stopping a node takes longer than
# the 6 s after which the orchestrator kills this launcher (the management plugin alone stalls 5 s), so the node
# finishes its shutdown on its own; a restart right after it first waits for that node to let go of its ports.
set -uo pipefail
for _ in $(seq 1 60); do
    previous="$(cat "$RABBITMQ_PID_FILE" 2> /dev/null)"
    [[ -n "$previous" ]] && kill -0 "$previous" 2> /dev/null || break
    sleep 0.5
done
exec /usr/lib/rabbitmq/bin/rabbitmq-server
