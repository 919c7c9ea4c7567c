#!/usr/bin/env bash
# The fault run: a steady stream of SENCO journeys through the public APIs (register a pupil, K, add a parent, E,
# the annual review appears, its meeting set with the parent invited, the invitation emailed) while, one after the
# other, each service loses a replica to kill -9 and another to SIGTERM (its exit timed: under 10 s), a Kafka broker
# stops for 30 s and PostgreSQL restarts; then, once the pipeline has drained, everything is counted end to end (lost,
# duplicated, dead letters, replicas ready) and the table written to docs/reliability/latest.md (or the file given
# as $1). Exit code: 0 nothing lost or duplicated and every fault recovered; 1 something lost or duplicated; 2 nothing
# lost or duplicated but something else failed (a journey the API refused, a replica not ready at the end, a SIGTERM
# exit of 10 s or more, a fault that did not recover, a dead letter; see the table); 3 the run could not go on.
# About 15-20 minutes with the defaults.
#
# usage: deploy/faults.sh [OUT.md]
#   SEN_KAFKA_BROKERS=3  (default here) the 3-node Kafka cluster, started beside the single broker if that runs;
#                        1: the single broker, whose fault is then a restart
#   SEN_REPLICAS=2       (default here) replicas of each service (deploy/services.sh)
#   FAULTS_PUPILS=300    pupils, started at an even rate over FAULTS_MINUTES=10
#   FAULTS_SKIP=         faults left out, comma separated: kill9, sigterm, kafka, postgres, or a service name
#                        (e.g. FAULTS_SKIP=postgres,kafka)
#   more in bench/src/main/java/uk/sen/bench/FaultRun.java (FAULTS_GAP_SECONDS, FAULTS_KAFKA_DOWN_SECONDS,
#   FAULTS_EVERY_REPLICA=1 for both faults on every replica, FAULTS_DRAIN_SECONDS...)
#
# It leaves the machine as it found it, as bench.sh does: infrastructure pieces that were not running are started and
# stopped again at the end; services already running with these replicas and this Kafka are used as they are (and
# replicas it had to add are stopped again); services running otherwise (e.g. run.sh's single replicas) are stopped
# first, said so, and started again as they were at the end. Builds the jars when one is missing, loads the demo data
# (deploy/demo.sh) when school 900103 is not on the register.
# Logs: deploy/.state/logs/faults.log (this run), faults-commands.log (the faults' commands), <service>[-r].log.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export SEN_KAFKA_BROKERS=${SEN_KAFKA_BROKERS:-3}
export SEN_REPLICAS=${SEN_REPLICAS:-2}
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "$DEPLOY_DIR/lib/kafka.sh"   # KAFKA_BOOTSTRAP of the chosen shape
export SEN_STATE_DIR=$STATE_DIR

OUT=${1:-$ROOT_DIR/docs/reliability/latest.md}
WORK=$STATE_DIR/faults
LOG=$LOG_DIR/faults.log
SERVICE_NAMES=(register-service review-service notification-service workload-service)
WANT_BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:-$KAFKA_BOOTSTRAP}
[[ $SEN_REPLICAS =~ ^[1-9]$ ]] || die faults "SEN_REPLICAS must be 1 to 9 (was '$SEN_REPLICAS')"
mkdir -p "$WORK" "$LOG_DIR" "$RUN_DIR"
cd "$ROOT_DIR"

instance() { if (( $2 == 1 )); then printf '%s\n' "$1"; else printf '%s-%s\n' "$1" "$2"; fi; }
# env_of PID NAME: a variable of a running process's environment
env_of() { tr '\0' '\n' <"/proc/$1/environ" 2>/dev/null | sed -n "s/^$2=//p" | head -n 1; }

# ---------------------------------------------------------------- infrastructure

infra_started=()
services_started=()        # replicas this run started beside ones already running (stopped by pid at the end)
services_all_ours=0        # this run started every service replica (services.sh down at the end)
restore=()                 # VAR=value ... to start the services that ran before, as they were
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  local rc=$? name pid
  trap - EXIT INT TERM
  if (( services_all_ours )); then
    say faults "stopping the services this run started"
    "$DEPLOY_DIR/services.sh" down || true
  fi
  for name in "${services_started[@]}"; do
    if pid=$(running_pid "$name" "$(jar_of "$name")"); then
      stop_tree "$name" "$pid" 30
      rm -f "$(pid_file "$name")"
    fi
  done
  if (( ${#restore[@]} )); then
    say faults "starting the services that ran before again, as they were: ${restore[*]}"
    env "${restore[@]}" "$DEPLOY_DIR/services.sh" up || say faults "WARNING: could not start them again; see above"
  fi
  if (( ${#infra_started[@]} )); then
    say faults "stopping what this run started: ${infra_started[*]}"
    "$DEPLOY_DIR/infra.sh" down "${infra_started[@]}" || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say faults "fault run: $SEN_REPLICAS replica(s) per service, Kafka ${SEN_KAFKA_BROKERS} broker(s) ($WANT_BOOTSTRAP), log: $LOG"
while read -r piece state _; do
  [[ $state == READY ]] || infra_started+=("$piece")
done < <("$DEPLOY_DIR/infra.sh" status 2>/dev/null | grep -E '^(postgres|kafka|greenmail|keycloak) ' || true)
if (( ${#infra_started[@]} )); then
  say faults "starting ${infra_started[*]} (stopped again at the end)"
  if ! "$DEPLOY_DIR/infra.sh" up "${infra_started[@]}"; then
    pieces=("${infra_started[@]}"); infra_started=()   # not ours to stop: infra.sh says what it left running
    die faults "deploy/infra.sh up ${pieces[*]} failed (messages above)"
  fi
fi

# ---------------------------------------------------------------- build

missing=0
for s in "${SERVICE_NAMES[@]}"; do [[ -f $(jar_of "$s") ]] || missing=1; done
if (( missing )); then
  say faults "building (./mvnw install -DskipTests; log: $LOG_DIR/faults-build.log)"
  ./mvnw -B -q install -DskipTests >"$LOG_DIR/faults-build.log" 2>&1 \
    || { show_log_tail "$LOG_DIR/faults-build.log"; die faults "build failed; see $LOG_DIR/faults-build.log"; }
fi
fault_class=$ROOT_DIR/bench/target/classes/uk/sen/bench/FaultRun.class
if [[ ! -f $fault_class || $ROOT_DIR/bench/src/main/java/uk/sen/bench/FaultRun.java -nt $fault_class ]]; then
  say faults "compiling the bench module (log: $LOG_DIR/faults-build.log)"
  ./mvnw -B -q -pl bench compile >"$LOG_DIR/faults-build.log" 2>&1 \
    || { show_log_tail "$LOG_DIR/faults-build.log"; die faults "compiling bench/ failed; see $LOG_DIR/faults-build.log"; }
fi
if [[ ! -s $WORK/classpath || $ROOT_DIR/bench/pom.xml -nt $WORK/classpath ]]; then
  ./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" >>"$LOG_DIR/faults-build.log" 2>&1 \
    || { show_log_tail "$LOG_DIR/faults-build.log"; die faults "could not resolve the bench classpath; see $LOG_DIR/faults-build.log"; }
fi

# ---------------------------------------------------------------- services

running=() wrong=() prev_replicas=0 prev_bootstrap="" prev_as_at="" prev_opts=""
for s in "${SERVICE_NAMES[@]}"; do
  for r in 1 2 3 4 5 6 7 8 9; do
    name=$(instance "$s" "$r")
    pid=$(running_pid "$name" "$(jar_of "$name")") || continue
    running+=("$name")
    bootstrap=$(env_of "$pid" KAFKA_BOOTSTRAP_SERVERS); bootstrap=${bootstrap:-127.0.0.1:9092}
    if (( r > prev_replicas )); then prev_replicas=$r; fi
    if (( r > SEN_REPLICAS )) || [[ $bootstrap != "$WANT_BOOTSTRAP" ]]; then wrong+=("$name")
    fi
    if [[ -z $prev_bootstrap ]]; then
      prev_bootstrap=$bootstrap
      # the JVM options and moved clock they were started with (services.sh: java OPTS -jar JAR)
      read -r -a cmd < <(tr '\0' ' ' <"/proc/$pid/cmdline") || true   # no newline at the end
      for (( i = 1; i < ${#cmd[@]}; i++ )); do
        [[ ${cmd[i]} == -jar ]] && break
        if [[ ${cmd[i]} == -Dsen.test.as-at=* ]]; then prev_as_at=${cmd[i]#-Dsen.test.as-at=}
        # what services.sh adds itself on JDK 25 (compact headers, the AOT cache of the build) is not carried over
        elif [[ ${cmd[i]} != -XX:AOTCache* && ${cmd[i]} != -XX:+UseCompactObjectHeaders ]]; then
          prev_opts+=${prev_opts:+ }${cmd[i]}
        fi
      done
    fi
  done
done

if (( ${#running[@]} == 0 )); then
  services_all_ours=1
  say faults "starting $SEN_REPLICAS replica(s) of each service on $WANT_BOOTSTRAP (stopped again at the end)"
  "$DEPLOY_DIR/services.sh" up
elif (( ${#wrong[@]} )); then
  say faults "the running services (${running[*]}; Kafka $prev_bootstrap) are not $SEN_REPLICAS replicas on $WANT_BOOTSTRAP:"
  say faults "stopping them for this run; they are started again as they were at the end"
  restore=(SEN_REPLICAS="$prev_replicas" KAFKA_BOOTSTRAP_SERVERS="$prev_bootstrap" SEN_SERVICE_JAVA_OPTS="$prev_opts")
  [[ -z $prev_as_at ]] || restore+=(SEN_TEST_AS_AT="$prev_as_at")
  "$DEPLOY_DIR/services.sh" down
  services_all_ours=1
  "$DEPLOY_DIR/services.sh" up
else
  for s in "${SERVICE_NAMES[@]}"; do
    for (( r = 1; r <= SEN_REPLICAS; r++ )); do
      name=$(instance "$s" "$r")
      [[ " ${running[*]} " == *" $name "* ]] || services_started+=("$name")
    done
  done
  if (( ${#services_started[@]} )); then
    say faults "services run on $WANT_BOOTSTRAP; adding ${services_started[*]} (stopped again at the end)"
  else
    say faults "the services already run as $SEN_REPLICAS replica(s) on $WANT_BOOTSTRAP: using them as they are"
  fi
  "$DEPLOY_DIR/services.sh" up
fi

# ---------------------------------------------------------------- demo data

admin=$(curl -sf -d grant_type=password -d client_id=sen-cli -d username=trust.admin -d password=demo \
  "${OIDC_URL:-http://127.0.0.1:8180/realms/sen}/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/') \
  || die faults "no token for trust.admin from Keycloak"
if [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $admin" \
      http://127.0.0.1:8081/api/v1/schools/900103) != 200 ]]; then
  say faults "school 900103 is not on the register: loading the demo data (deploy/demo.sh; log: $LOG_DIR/faults-demo.log)"
  "$DEPLOY_DIR/demo.sh" >"$LOG_DIR/faults-demo.log" 2>&1 \
    || { show_log_tail "$LOG_DIR/faults-demo.log"; die faults "deploy/demo.sh failed; see $LOG_DIR/faults-demo.log"; }
fi

# ---------------------------------------------------------------- the run

say faults "running the fault run (uk.sen.bench.FaultRun); progress below and in $LOG"
set +e
"$(java_bin)" -Xmx256m -cp "$ROOT_DIR/bench/target/classes:$(cat "$WORK/classpath")" uk.sen.bench.FaultRun \
  "$ROOT_DIR" "$OUT" 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
set -e
case $rc in
  0) say faults "nothing lost, nothing duplicated, every fault recovered: ${OUT#"$ROOT_DIR"/}" ;;
  1) say faults "FAILED: something was lost or duplicated: ${OUT#"$ROOT_DIR"/}" ;;
  2) say faults "nothing lost or duplicated, but something else failed (see the table): ${OUT#"$ROOT_DIR"/}" ;;
  3) say faults "the fault run could not go on (exit 3); see $LOG" ;;
  *) say faults "the fault run itself failed (exit $rc); see $LOG" ;;
esac
exit "$rc"
