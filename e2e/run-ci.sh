#!/usr/bin/env bash
# The browser tests as CI runs them (called by .ci/run after mvn verify, which built the jar):
# installs Debian's Chromium, the CJK fonts and the npm package if missing, starts the application on a free port
# with an in-memory H2 database and the demo data (public notice 0 days, so charity cases go straight on),
# runs every spec, and stops the application. Screenshots: target/e2e-screenshots/, application log: target/e2e-app.log.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null || ! command -v npm >/dev/null || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  echo "Installing Chromium, CJK fonts and Node.js from Debian"
  apt-get update -qq
  command -v npm >/dev/null || NODE_PACKAGES="nodejs npm"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk fontconfig ${NODE_PACKAGES:-}
fi
npm ci --no-audit --no-fund --loglevel=error

JAR=$(ls ../target/health-assist-workflow-*.jar | grep -v '\.original$' | head -1)
PORT=${E2E_PORT:-18080}
java -jar "$JAR" --server.port="$PORT" --spring.datasource.url='jdbc:h2:mem:e2e;DB_CLOSE_DELAY=-1' \
  --healthassist.charity.notice-days=0 > ../target/e2e-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://localhost:$PORT/portal/login.html" && break
  kill -0 $APP 2>/dev/null || { echo "the application did not start:"; tail -50 ../target/e2e-app.log; exit 1; }
  sleep 1
done
E2E_BASE_URL="http://localhost:$PORT" E2E_SCREENSHOTS=../target/e2e-screenshots node run.mjs
