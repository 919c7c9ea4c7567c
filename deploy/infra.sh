#!/usr/bin/env bash
# Local infrastructure for the SEN platform, without Docker:
# PostgreSQL (Debian cluster), Kafka (KRaft), GreenMail (SMTP + API) and Keycloak.
# See deploy/README.md. All state lives under deploy/.state (or $SEN_STATE_DIR).
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$DEPLOY_DIR/lib/postgres.sh"
# shellcheck source=lib/kafka.sh
source "$DEPLOY_DIR/lib/kafka.sh"
# shellcheck source=lib/greenmail.sh
source "$DEPLOY_DIR/lib/greenmail.sh"
# shellcheck source=lib/keycloak.sh
source "$DEPLOY_DIR/lib/keycloak.sh"
# shellcheck source=lib/check.sh
source "$DEPLOY_DIR/lib/check.sh"

ALL_PIECES=(postgres kafka greenmail keycloak)

usage() {
  cat <<EOF
usage: deploy/infra.sh COMMAND [PIECE...]

commands:
  up [PIECE...]       start (downloading on first use) and wait until ready; idempotent
  down [PIECE...]     stop what infra.sh started (recorded pids) and the PostgreSQL cluster
  restart [PIECE...]  down, then up
  status              one line per piece; exit code 0 only if all are ready
  check               smoke test of the running stack: DB logins, topics, token claims, a mail
  topics              list the Kafka topics with their partition counts (cluster: also replication, min ISR)
  kafka CLASS ARGS    run a Kafka CLI class against the local broker's jars, e.g.
                      deploy/infra.sh kafka org.apache.kafka.tools.consumer.ConsoleConsumer \\
                        --bootstrap-server $KAFKA_BOOTSTRAP --topic sen.register.v1 --from-beginning
  kafka-node stop|start N
                      3-node cluster only: stop node N (SIGTERM, waits until it has exited), or start it
                      again and wait until it has started (fault injection)

pieces: ${ALL_PIECES[*]} (default: all)
state:  $STATE_DIR (override with SEN_STATE_DIR)
kafka:  SEN_KAFKA_BROKERS=$KAFKA_BROKERS: 1 (default) one broker on 127.0.0.1:9092; 3 a KRaft cluster of three
        broker+controller nodes on 127.0.0.1:9192,9194,9196 (controllers 9193,9195,9197), replication factor 3,
        min.insync.replicas 2, data in kafka/cluster/. Every command acts on the shape the setting chooses.
EOF
}

# select_pieces ARGS...: validated piece names in canonical order (all if none given).
select_pieces() {
  local p a ok
  (( $# == 0 )) && { printf '%s\n' "${ALL_PIECES[@]}"; return; }
  for a in "$@"; do
    ok=0
    for p in "${ALL_PIECES[@]}"; do [[ $a == "$p" ]] && ok=1; done
    (( ok )) || die infra "unknown piece '$a' (pieces: ${ALL_PIECES[*]})"
  done
  for p in "${ALL_PIECES[@]}"; do
    for a in "$@"; do [[ $a == "$p" ]] && { printf '%s\n' "$p"; break; }; done
  done
}

take_lock() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  exec 9>"$RUN_DIR/infra.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -n 9 || die infra "another deploy/infra.sh up/down is running (lock $RUN_DIR/infra.lock)"
  fi
}

cmd_up() {
  local t0 pieces name failed=() 
  local -A jobs=()
  t0=$(date +%s)
  mapfile -t pieces < <(select_pieces "$@")
  take_lock
  say infra "up: ${pieces[*]}  (state: $STATE_DIR, logs: $LOG_DIR)"
  trap 'say infra "interrupted; processes already launched keep running: deploy/infra.sh down stops them"; kill ${jobs[*]} 2>/dev/null; exit 130' INT TERM
  # Keycloak is by far the slowest: launch it first; every piece comes up in parallel.
  for name in keycloak kafka greenmail postgres; do
    [[ " ${pieces[*]} " == *" $name "* ]] || continue
    case $name in
      keycloak)  kc_up & ;;
      kafka)     kafka_up & ;;
      greenmail) greenmail_up & ;;
      postgres)  pg_up & ;;
    esac
    jobs[$name]=$!
  done
  for name in "${pieces[@]}"; do
    wait "${jobs[$name]}" || failed+=("$name")
  done
  trap - INT TERM
  if (( ${#failed[@]} > 0 )); then
    say infra "FAILED: ${failed[*]} (messages above name the log files; logs in $LOG_DIR)."
    say infra "Pieces that did start keep running; 'deploy/infra.sh down' stops them."
    exit 1
  fi
  say infra "up done in $(elapsed "$t0") s"
  echo
  cmd_status || true
}

cmd_down() {
  local t0 pieces name failed=()
  local -A jobs=()
  t0=$(date +%s)
  mapfile -t pieces < <(select_pieces "$@")
  take_lock
  say infra "down: ${pieces[*]}"
  for name in "${pieces[@]}"; do
    case $name in
      keycloak)  kc_down & ;;
      kafka)     kafka_down & ;;
      greenmail) greenmail_down & ;;
      postgres)  pg_down & ;;
    esac
    jobs[$name]=$!
  done
  for name in "${pieces[@]}"; do
    wait "${jobs[$name]}" || failed+=("$name")
  done
  if (( ${#failed[@]} > 0 )); then
    die infra "stopping failed for: ${failed[*]}"
  fi
  say infra "down done in $(elapsed "$t0") s"
}

cmd_status() {
  local rc=0
  pg_status || rc=3
  kafka_status || rc=3
  greenmail_status || rc=3
  kc_status || rc=3
  printf '%-10s %s\n' state "$STATE_DIR"
  return "$rc"
}

main() {
  local cmd=${1:-}
  (( $# > 0 )) && shift
  case $cmd in
    up)      cmd_up "$@" ;;
    down)    cmd_down "$@" ;;
    restart) cmd_down "$@"; cmd_up "$@" ;;
    status)  cmd_status ;;
    topics)  kafka_list_topics --replication ;;
    check)   cmd_check ;;
    kafka)   (( $# > 0 )) || { usage >&2; exit 2; }
             [[ -f $KAFKA_LIB/.complete ]] || die kafka "Kafka jars not downloaded yet (deploy/infra.sh up kafka)"
             kafka_tool "$@" ;;
    kafka-node)
             [[ $# == 2 && ( $1 == stop || $1 == start ) ]] || { usage >&2; exit 2; }
             kafka_require_cluster "kafka-node $1"
             kafka_node_check "$2"
             take_lock
             if [[ $1 == stop ]]; then kafka_node_stop "$2"; else kafka_node_start "$2"; fi ;;
    -h|--help|help) usage ;;
    *)       usage >&2; exit 2 ;;
  esac
}

main "$@"
