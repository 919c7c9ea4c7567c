#!/usr/bin/env bash
# The benchmark run: every figure side by side in one run, next to the machine's ceilings, written as a table to
# docs/benchmarks/latest.md (or the file given as $1). Starts the infrastructure pieces that are not running (and
# stops them afterwards), builds the jars, then:
#   1. the deadline scan over 200,000 open reviews and the trust report over 50,000 entries (@QuarkusTest benchmarks
#      on the test databases);
#   2. the four services, started one by one on ports 18081-18084, fresh databases (<service>_bench) and topics
#      (bench.sen.*), timed
#      from process start to ready; then the MIS import against COPY, the register list under wrk against pgbench,
#      the event pipeline at 50 and 100 changes a second against a bare Kafka round trip (bench/, uk.sen.bench.Bench).
# For clean figures, stop the demo stack first (deploy/stop.sh); the run never touches its data. About 15 minutes.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$DEPLOY_DIR/lib/postgres.sh"

OUT=${1:-$ROOT_DIR/docs/benchmarks/latest.md}
WORK=$STATE_DIR/bench
LOG=$LOG_DIR/bench.log

for port in 8081 8082 8083 8084; do
  if port_open "$port"; then
    say bench "warning: the demo stack's services are running; they do not mix with the run (own ports, databases and topics) but share the CPUs; for clean figures stop them (deploy/stop.sh)"
    break
  fi
done
for tool in wrk pgbench; do
  if ! command -v "$tool" >/dev/null; then
    say bench "installing $tool from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y "$( [[ $tool == wrk ]] && echo wrk || echo postgresql-client)" \
      >"$LOG_DIR/install-$tool.log" 2>&1 || die bench "apt-get install $tool failed; see $LOG_DIR/install-$tool.log"
  fi
done

started=()
while read -r piece state _; do
  [[ $state == READY ]] || started+=("$piece")
done < <("$DEPLOY_DIR/infra.sh" status 2>/dev/null | grep -E '^(postgres|kafka|greenmail|keycloak) ' || true)
cleanup() {
  local rc=$?
  if (( ${#started[@]} )); then
    say bench "stopping what this run started: ${started[*]}"
    "$DEPLOY_DIR/infra.sh" down "${started[@]}" || true
  fi
  exit $rc
}
trap cleanup EXIT
if (( ${#started[@]} )); then
  "$DEPLOY_DIR/infra.sh" up "${started[@]}"
fi

cd "$ROOT_DIR"
mkdir -p "$WORK" "$LOG_DIR"
rm -f "$WORK"/*.txt "$WORK"/*.csv
if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  say bench "building (./mvnw install -DskipTests; log: $LOG)"
  ./mvnw -B -q install -DskipTests >"$LOG" 2>&1 || { show_log_tail "$LOG"; die bench "build failed; see $LOG"; }
fi

if [[ ${BENCH_SKIP_MAVEN:-0} != 1 && -z ${BENCH_ONLY:-} ]]; then
  say bench "deadline scan over 200,000 open reviews (log: $WORK/deadline-scan.txt)"
  ./mvnw -B -pl review-service test -Dsurefire.excludedGroups=none -Dtest=DeadlineScanBenchmark \
    >"$WORK/deadline-scan.txt" 2>&1 || { show_log_tail "$WORK/deadline-scan.txt"; die bench "the deadline scan benchmark failed"; }
  say bench "trust report over 50,000 entries (log: $WORK/trust-report.txt)"
  ./mvnw -B -pl workload-service test -Dsurefire.excludedGroups=none -Dtest=TrustReportBenchmark \
    >"$WORK/trust-report.txt" 2>&1 || { show_log_tail "$WORK/trust-report.txt"; die bench "the trust report benchmark failed"; }
fi

port=$(pg_port "$(pg_version)")
for db in register review notification workload; do
  for suffix in bench aot; do
    runuser -u postgres -- psql -X -q -p "$port" -d postgres -v ON_ERROR_STOP=1 \
      -c "DROP DATABASE IF EXISTS ${db}_$suffix WITH (FORCE)" -c "CREATE DATABASE ${db}_$suffix OWNER $db" >/dev/null
  done
done
say bench "fresh databases <service>_bench (measured) and <service>_aot (the AOT cache's training starts)"
# statement counts and times per change in the pipeline's phases, from pg_stat_statements when the cluster loads it
export BENCH_PG_PORT=$port
if pg_statements_loaded "$port"; then
  runuser -u postgres -- psql -X -q -p "$port" -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
  export BENCH_PG_STATEMENTS=1
else
  say bench "pg_stat_statements is not loaded: no database figures per change (deploy/infra.sh restart postgres)"
  export BENCH_PG_STATEMENTS=0
fi
# the services' JVM, as services.sh picks it: a JDK 25 or newer when the machine has one (BENCH_AOT=0: no AOT cache)
export BENCH_SERVICE_JAVA=${BENCH_SERVICE_JAVA:-$(service_java)}
export BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-$SERVICE_JAVA_OPTS_DEFAULT}
BENCH_SERVICE_JAVA_MAJOR=$(java_major "$BENCH_SERVICE_JAVA")
export BENCH_SERVICE_JAVA_MAJOR
say bench "the services run on Java $BENCH_SERVICE_JAVA_MAJOR ($BENCH_SERVICE_JAVA)"

./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" >>"$LOG" 2>&1 \
  || { show_log_tail "$LOG"; die bench "could not resolve the bench classpath; see $LOG"; }
say bench "running the services' benchmarks (services' logs: $WORK/bench-*.log)"
# BENCH_SERVICES_ROOT: measure the services of another checkout (built with ./mvnw install -DskipTests), e.g. a
# commit before a change, with this checkout's benchmark, on the same day and machine: before and after side by side
"$(java_bin)" -cp "$ROOT_DIR/bench/target/classes:$(cat "$WORK/classpath")" uk.sen.bench.Bench \
  "${BENCH_SERVICES_ROOT:-$ROOT_DIR}" "$OUT" "$WORK"
say bench "results: ${OUT#"$ROOT_DIR"/}"
