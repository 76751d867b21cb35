#!/usr/bin/env bash
# One command for every benchmark figure: builds the gateway, installs wrk and pgbench where missing, then runs
# bench/Bench.java, which starts a Kustomer stand-in and gateways on free ports against a fresh database on the
# local Postgres, measures, stops all it started, drops the database and writes bench/RESULTS.md.
#
# Postgres: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD (postgres); the user must be able to
# create databases. Length: BENCH_SECONDS (15) per throughput figure, BENCH_WARMUP_SECONDS (10),
# BENCH_RELAY_OPERATIONS (5000), BENCH_SLOW_RELAY_OPERATIONS (800), BENCH_LATENCY_MUTATIONS (1000).
# Logs of every process are left in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

command -v javac >/dev/null 2>&1 || apt_install openjdk-17-jdk-headless
command -v mvn >/dev/null 2>&1 || apt_install maven
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v pgbench >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || apt_install postgresql
pg_isready -q -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" \
  || { echo "PostgreSQL is not running on ${PGHOST:-127.0.0.1}:${PGPORT:-5432} (.ci/run shows how to start it)" >&2; exit 1; }

echo "[bench] Building the gateway"
mvn -B -q -ntp package -DskipTests

rm -rf bench/out && mkdir -p bench/out
driver=$(ls bootstrap/target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar | head -n 1)
exec java -cp "$driver" bench/Bench.java "$PWD"
