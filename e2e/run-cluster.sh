#!/usr/bin/env bash
# Two nodes behind a load balancer, as README "Running several nodes" describes, driven through Tasklist (called by
# .ci/run after the other browser tests): installs HAProxy, Chromium and the rest if missing (e2e/setup.sh), starts
# the built jar twice (node-1, node-2, job executors on) on the empty MySQL/MariaDB database E2E_MYSQL_URL with the
# demo data, the first until it is up, then the second; puts HAProxy in front with deploy/haproxy.cfg; runs every
# browser test but the language switch through it (each person's session on one node, their cases' steps and jobs
# on either), then e2e/cluster.mjs, which kills the node of a logged-in person and finishes a case on the other.
# Logs: target/e2e-node-1.log, target/e2e-node-2.log, target/e2e-haproxy.log; screenshots:
# target/e2e-screenshots-cluster/.
set -euo pipefail
cd "$(dirname "$0")"
: "${E2E_MYSQL_URL:?the cluster needs a MySQL/MariaDB database both nodes share (E2E_MYSQL_URL)}"

bash setup.sh haproxy

source app.sh
LB_PORT=${E2E_PORT:-18082}
PIDS=()
NODES=()
stop_all() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 300); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
}
trap stop_all EXIT

start_node() { # name port
  start_app "../target/e2e-$1.log" "$2" --camunda.bpm.generic-properties.properties.hostname="$1"
  disown "$APP_PID" # cluster.mjs kills one with SIGKILL on purpose: no "Killed" from this shell
  PIDS+=("$APP_PID")
  NODES+=("$1:$APP_PID")
}

echo "Browser tests through HAProxy on two nodes (mysql profile, demo data)"
# the first node makes the schema and the demo data; the second starts on them
start_node node-1 $((LB_PORT + 1))
start_node node-2 $((LB_PORT + 2))
HA_LB_PORT=$LB_PORT HA_NODE_1=127.0.0.1:$((LB_PORT + 1)) HA_NODE_2=127.0.0.1:$((LB_PORT + 2)) \
  haproxy -f ../deploy/haproxy.cfg > ../target/e2e-haproxy.log 2>&1 &
PIDS+=("$!")
disown "$!"
for i in $(seq 1 30); do
  curl -fs -o /dev/null "http://localhost:$LB_PORT/portal/login.html" && break
  [ "$i" = 30 ] && { echo "HAProxy did not answer on port $LB_PORT:"; cat ../target/e2e-haproxy.log; exit 1; }
  sleep 1
done

export E2E_BASE_URL="http://localhost:$LB_PORT" E2E_SCREENSHOTS=../target/e2e-screenshots-cluster
# every test but webapps: the language switch is kept in the browser, whatever node answers, and run-ci.sh tries it
node run.mjs chronic referral charity followup audit
E2E_NODE_PIDS=$(IFS=,; echo "${NODES[*]}") node cluster.mjs
