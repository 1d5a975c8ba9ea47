#!/usr/bin/env bash
# The browser tests as CI runs them (called by .ci/run after mvn verify, which built the jar):
# installs Debian's Chromium, the CJK fonts and the npm package if missing, starts the application on a free port
# with an in-memory H2 database and the demo data (public notice 0 days, so charity cases go straight on),
# runs every spec, and stops the application. Screenshots: target/e2e-screenshots/, application log: target/e2e-app.log.
# With E2E_MYSQL_URL (and E2E_MYSQL_USER, E2E_MYSQL_PASSWORD) it runs the application's mysql profile on that
# (empty) MySQL/MariaDB database instead, with the demo data: target/e2e-screenshots-mysql/, target/e2e-app-mysql.log.
set -euo pipefail
cd "$(dirname "$0")"

bash setup.sh

JAR=$(ls ../target/health-assist-workflow-*.jar | grep -v '\.original$' | head -1)
PORT=${E2E_PORT:-18080}
if [ -n "${E2E_MYSQL_URL:-}" ]; then
  DATABASE=(--spring.profiles.active=mysql "--spring.datasource.url=$E2E_MYSQL_URL"
    "--spring.datasource.username=${E2E_MYSQL_USER:-healthassist}" "--spring.datasource.password=${E2E_MYSQL_PASSWORD:-}"
    --healthassist.demo.enabled=true)
  SUFFIX=-mysql
  echo "Browser tests on MySQL/MariaDB (mysql profile, demo data)"
else
  DATABASE=('--spring.datasource.url=jdbc:h2:mem:e2e;DB_CLOSE_DELAY=-1')
  SUFFIX=
  echo "Browser tests on H2 (in memory)"
fi
java -jar "$JAR" --server.port="$PORT" "${DATABASE[@]}" \
  --healthassist.charity.notice-days=0 > "../target/e2e-app$SUFFIX.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://localhost:$PORT/portal/login.html" && break
  kill -0 $APP 2>/dev/null || { echo "the application did not start:"; tail -50 "../target/e2e-app$SUFFIX.log"; exit 1; }
  sleep 1
done
E2E_BASE_URL="http://localhost:$PORT" E2E_SCREENSHOTS="../target/e2e-screenshots$SUFFIX" node run.mjs
