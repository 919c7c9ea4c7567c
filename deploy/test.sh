#!/usr/bin/env bash
# The test command: starts the infrastructure pieces that are not running, runs every test against them
# (./mvnw verify), and stops again exactly the pieces it started, also when tests fail.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(cd "$DEPLOY_DIR/.." && pwd)

started=()
while read -r piece state _; do
  [[ $state == READY ]] || started+=("$piece")
done < <("$DEPLOY_DIR/infra.sh" status 2>/dev/null | grep -E '^(postgres|kafka|greenmail|keycloak) ' || true)

cleanup() {
  local rc=$?
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

cd "$ROOT_DIR"
echo "[test] ./mvnw -B verify $*"
./mvnw -B verify "$@"
