# Sourced by run-ci.sh and run-cluster.sh: starts the built jar for the browser tests and waits until it answers.
# With E2E_MYSQL_URL (and E2E_MYSQL_USER, E2E_MYSQL_PASSWORD) on that MySQL/MariaDB database with the mysql profile and
# the demo data, else on an in-memory H2 database (the default profile, demo data); always with the public notice off
# (charity cases go straight on to the federation), and the demo's administrator allowed to run a timer now (the
# follow-up's visit window opens without waiting a quarter: healthassist.demo.admin-runs-timers).
JAR=$(ls ../target/health-assist-workflow-*.jar | grep -v '\.original$' | head -1)
if [ -n "${E2E_MYSQL_URL:-}" ]; then
  DATABASE=(--spring.profiles.active=mysql "--spring.datasource.url=$E2E_MYSQL_URL"
    "--spring.datasource.username=${E2E_MYSQL_USER:-healthassist}" "--spring.datasource.password=${E2E_MYSQL_PASSWORD:-}"
    --healthassist.demo.enabled=true
    # the mysql profile refuses to start without the key of the administrators' second factor (HA_TOTP_KEY); the
    # browser tests' administrators are the demo's, exempt from it, so any fixed key does (the same on every node)
    "--healthassist.totp.key=${HA_TOTP_KEY:-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=}"
    # and the keys personal data is sealed with (SM4 and the search index's), the same on every node
    "--healthassist.data-protection.key=${HA_DATA_KEY:-AAAAAAAAAAAAAAAAAAAAAA==}"
    "--healthassist.data-protection.index-key=${HA_DATA_INDEX_KEY:-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=}")
else
  DATABASE=('--spring.datasource.url=jdbc:h2:mem:e2e;DB_CLOSE_DELAY=-1')
fi

# start_app LOG PORT [more options]: starts the jar in the background (its pid in APP_PID), logging to LOG, and
# returns once it serves the portal's login page; exits if it stops or does not answer within 2 minutes
start_app() {
  local log=$1 port=$2
  shift 2
  # the server's own zone is UTC, as on many servers: pages, Excel and PDF still show the county's times
  java -Duser.timezone=UTC -jar "$JAR" --server.port="$port" "${DATABASE[@]}" --healthassist.charity.notice-days=0 \
    --healthassist.demo.admin-runs-timers=true "$@" > "$log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://localhost:$port/portal/login.html" && return 0
    kill -0 "$APP_PID" 2>/dev/null || { echo "the application did not start ($log):"; tail -50 "$log"; exit 1; }
    sleep 1
  done
  echo "the application did not answer on port $port within 2 minutes ($log)"
  kill "$APP_PID" 2>/dev/null || true
  exit 1
}
