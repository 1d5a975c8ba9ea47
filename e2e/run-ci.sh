#!/usr/bin/env bash
# The browser tests as CI runs them (called by .ci/run after mvn verify, which built the jar):
# installs Debian's Chromium, the CJK fonts and the npm package if missing, starts the application on a free port
# with an in-memory H2 database and the demo data (public notice 0 days, so charity cases go straight on),
# runs every spec (or those named: bash run-ci.sh staffwork totp), and stops the application. Screenshots: target/e2e-screenshots/, application log: target/e2e-app.log.
# With E2E_MYSQL_URL (and E2E_MYSQL_USER, E2E_MYSQL_PASSWORD) it runs the application's mysql profile on that
# (empty) MySQL/MariaDB database instead, with the demo data: target/e2e-screenshots-mysql/, target/e2e-app-mysql.log.
set -euo pipefail
cd "$(dirname "$0")"

bash setup.sh

source app.sh
PORT=${E2E_PORT:-18080}
if [ -n "${E2E_MYSQL_URL:-}" ]; then
  SUFFIX=-mysql
  echo "Browser tests on MySQL/MariaDB (mysql profile, demo data)"
else
  SUFFIX=
  echo "Browser tests on H2 (in memory)"
fi
trap 'kill ${APP_PID:-} 2>/dev/null || true; wait ${APP_PID:-} 2>/dev/null || true' EXIT
start_app "../target/e2e-app$SUFFIX.log" "$PORT"
E2E_BASE_URL="http://localhost:$PORT" E2E_SCREENSHOTS="../target/e2e-screenshots$SUFFIX" node run.mjs "$@"
