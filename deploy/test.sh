#!/usr/bin/env bash
# The test command. 1) Starts the infrastructure pieces that are not running. 2) Runs every module's tests
# against them (./mvnw verify: unit tests and @QuarkusTest on the real PostgreSQL, Kafka and Keycloak).
# 3) Starts the four services (unless they run already), loads the demo schools and runs the end-to-end tests
# (e2e/) against the running stack. Afterwards it stops exactly what it started, also when tests fail.
# SEN_TEST_AS_AT=2028-02-29 (or 2027-10-31T01:30) runs all of it as at that moment: the tests, the services it
# starts and the demo data read "today" from a clock that starts there (uk.sen.platform.time.EnglandClock).
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(cd "$DEPLOY_DIR/.." && pwd)

started=()
while read -r piece state _; do
  [[ $state == READY ]] || started+=("$piece")
done < <("$DEPLOY_DIR/infra.sh" status 2>/dev/null | grep -E '^(postgres|kafka|greenmail|keycloak) ' || true)
services_started=0
"$DEPLOY_DIR/services.sh" status >/dev/null 2>&1 || services_started=1

cleanup() {
  local rc=$?
  if (( services_started )); then
    echo "[test] stopping the services this run started"
    "$DEPLOY_DIR/services.sh" down || true
  fi
  if (( ${#started[@]} )); then
    echo "[test] stopping what this run started: ${started[*]}"
    "$DEPLOY_DIR/infra.sh" down "${started[@]}" || true
  fi
  exit $rc
}
trap cleanup EXIT

if (( ${#started[@]} )); then
  echo "[test] starting infrastructure: ${started[*]}"
  "$DEPLOY_DIR/infra.sh" up "${started[@]}"
else
  echo "[test] infrastructure already running; it stays running afterwards"
fi
"$DEPLOY_DIR/check-manifests.sh"   # compose and Kubernetes files: renders, schemas, production rules, no secrets

cd "$ROOT_DIR"
as_at=()
if [[ -n ${SEN_TEST_AS_AT:-} ]]; then
  as_at=("-Dsen.test.as-at=$SEN_TEST_AS_AT")
  echo "[test] as at $SEN_TEST_AS_AT (the clock of the tests and of the services this run starts)"
fi
echo "[test] ./mvnw -B install (module tests against the real infrastructure) $*"
./mvnw -B install "${as_at[@]}" "$@"
"$DEPLOY_DIR/check-api.sh"   # the OpenAPI documents the build stored: committed, Spectral-clean; clients; AsyncAPI

if (( services_started )); then
  echo "[test] starting the four services for the end-to-end tests"
  # on JDK 25 when the machine has one (services.sh), without training an AOT cache: one start each, no time to gain
  SEN_AOT=${SEN_AOT:-0} "$DEPLOY_DIR/services.sh" up
else
  echo "[test] the services already run (deploy/run.sh); the end-to-end tests use them as they are"
fi
"$DEPLOY_DIR/demo.sh"
# a real browser for the forms parents and agencies fill in (e2e/ViewsAndAdviceIT): Debian's Chromium and ChromeDriver
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  echo "[test] installing chromium and chromium-driver with apt-get (log: $DEPLOY_DIR/.state/logs/chromium-install.log)"
  mkdir -p "$DEPLOY_DIR/.state/logs"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; } \
    >"$DEPLOY_DIR/.state/logs/chromium-install.log" 2>&1 </dev/null \
    || { tail -n 20 "$DEPLOY_DIR/.state/logs/chromium-install.log"; echo "[test] apt-get install chromium failed"; exit 1; }
fi
echo "[test] end-to-end tests against the running stack"
./mvnw -B -pl e2e verify -De2e "${as_at[@]}"
