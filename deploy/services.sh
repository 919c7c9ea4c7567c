#!/usr/bin/env bash
# The four SEN services as plain `java -jar` processes against the local infrastructure (deploy/infra.sh).
# usage: deploy/services.sh up|down|status
# SEN_REPLICAS=N (default 1) runs N replicas of each service: replica r listens on the ports below plus 100*(r-1)
# (review-service: 8082, 8182, 8282...; its management port 9182, 9282...) and is named <service>-r from r=2
# (<state>/run/review-service-2.pid, <state>/logs/review-service-2.log). The replicas share the service's database
# and Kafka consumer group: the partitions are shared between them, the outbox relay and the scheduled jobs run
# their effect on one replica at a time, and either replica answers the API the same.
# The local stack lets webhooks go to plain http on this machine's loopback (WEBHOOKS_ALLOW_LOOPBACK_HTTP=true; the e2e
# journey's receiver); a real deployment leaves it false.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "$DEPLOY_DIR/lib/kafka.sh"   # KAFKA_BOOTSTRAP: the single broker, or the cluster (SEN_KAFKA_BROKERS=3)

# name:API port:management port (health and metrics) of each service's first replica
SERVICES=(register-service:8081:9181 review-service:8082:9182 notification-service:8083:9183 workload-service:8084:9184)
REPLICAS=${SEN_REPLICAS:-1}
[[ $REPLICAS =~ ^[1-9]$ ]] || die services "SEN_REPLICAS must be 1 to 9 (was '$REPLICAS')"
JAVA_OPTS=${SEN_SERVICE_JAVA_OPTS:-$SERVICE_JAVA_OPTS_DEFAULT}
# a test run as at another day (deploy/test.sh with SEN_TEST_AS_AT): the services' clock starts at that moment
[[ -z ${SEN_TEST_AS_AT:-} ]] || JAVA_OPTS="$JAVA_OPTS -Dsen.test.as-at=$SEN_TEST_AS_AT"
# The JVM that runs the services: SEN_SERVICE_JAVA, else a JDK 25 or newer when the machine has one, else the
# build's java 17 (deploy/lib/common.sh, service_java).
SERVICE_JAVA=$(service_java)
JAVA_MAJOR=$(java_major "$SERVICE_JAVA")
# On JDK 25 and newer: compact object headers (JEP 519: 8-byte headers, a smaller heap for the same objects) and, unless
# SEN_AOT=0, the JDK's ahead-of-time cache (JEP 483/514/515): a service's first start with a new build trains it
# (-XX:AOTCacheOutput; the cache is written when it stops), later starts load it (-XX:AOTCache). The cache is kept per
# build, JVM and JVM options, in $STATE_DIR/aot. On 17, neither.
if (( JAVA_MAJOR >= 25 )); then
  JAVA_OPTS="$JAVA_OPTS -XX:+UseCompactObjectHeaders"
  AOT=${SEN_AOT:-1}
else
  [[ ${SEN_AOT:-0} == 0 ]] || die services "SEN_AOT=1 needs a JDK 25 or newer (the services' java is $JAVA_MAJOR: $SERVICE_JAVA)"
  AOT=0
fi


# The key that signs contribution links (SEN_LINK_KEY, shared by review and notification): one per machine, made on
# first start and kept in $STATE_DIR, unless given.
link_key() {
  local file="$STATE_DIR/link.key"
  if [[ ! -s $file ]]; then
    mkdir -p "$STATE_DIR"
    (umask 077 && head -c 32 /dev/urandom | base64 >"$file")
  fi
  cat "$file"
}

# instances [N]: name:port:management port of every replica to run (N replicas; all 9 possible for down and status)
instances() {
  local n=${1:-$REPLICAS} entry name port mport r
  for entry in "${SERVICES[@]}"; do
    IFS=: read -r name port mport <<<"$entry"
    for (( r = 1; r <= n; r++ )); do
      if (( r == 1 )); then printf '%s:%s:%s\n' "$name" "$port" "$mport"
      else printf '%s-%s:%s:%s\n' "$name" "$r" $(( port + 100 * (r - 1) )) $(( mport + 100 * (r - 1) )); fi
    done
  done
}

# aot_opts NAME JAR: the AOT cache flags for this start, when SEN_AOT=1 (only a first replica trains)
aot_opts() {
  [[ $AOT == 1 ]] || return 0
  local name=$1 app base=${1%-[0-9]} key cache
  app=$(dirname "$2")
  key=$( { find "$app" -type f -name '*.jar' -print0 | sort -z | xargs -0 sha1sum; echo "$SERVICE_JAVA $JAVA_OPTS"; } \
    | sha1sum | cut -c1-12)
  cache="$STATE_DIR/aot/$base-$key.aot"
  if [[ -f $cache ]]; then
    printf -- '-XX:AOTCache=%s\n' "$cache"
  elif [[ $name == "$base" ]]; then
    mkdir -p "$STATE_DIR/aot"
    printf -- '-XX:AOTCacheOutput=%s\n' "$cache"
  fi
}

build() {
  local missing=0 entry
  for entry in "${SERVICES[@]}"; do [[ -f $(jar_of "${entry%%:*}") ]] || missing=1; done
  if (( missing )) || [[ ${SEN_REBUILD:-0} == 1 ]]; then
    say services "building the services (./mvnw package -DskipTests; log: $LOG_DIR/build.log)"
    (cd "$ROOT_DIR" && ./mvnw -B -q install -DskipTests >"$LOG_DIR/build.log" 2>&1) \
      || { show_log_tail "$LOG_DIR/build.log"; die services "build failed; see $LOG_DIR/build.log"; }
  fi
}

health_up() { curl -sf -o /dev/null "http://127.0.0.1:$1/q/health/ready"; }  # on the management port

cmd_up() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  build
  local entry name port mport pid jar aot started=()
  for entry in $(instances); do
    IFS=: read -r name port mport <<<"$entry"; jar=$(jar_of "$name")
    if pid=$(running_pid "$name" "$jar"); then
      say "$name" "already running (pid $pid) on http://127.0.0.1:$port"
      continue
    fi
    require_free_port "$name" "$port"
    require_free_port "$name" "$mport"
    aot=$(aot_opts "$name" "$jar")
    # shellcheck disable=SC2086 # JAVA_OPTS and aot are lists of options
    pid=$(HTTP_PORT=$port MANAGEMENT_PORT=$mport SEN_LINK_KEY=${SEN_LINK_KEY:-$(link_key)} CONTRIBUTION_REMIND_EVERY=${CONTRIBUTION_REMIND_EVERY:-20s} SMTP_TIMEOUT=${SMTP_TIMEOUT:-10s} DELIVERY_FIRST_RETRY=${DELIVERY_FIRST_RETRY:-10s} CORS_ORIGINS=${CORS_ORIGINS:-http://localhost:5173} WEBHOOKS_ALLOW_LOOPBACK_HTTP=${WEBHOOKS_ALLOW_LOOPBACK_HTTP:-true} KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS:-$KAFKA_BOOTSTRAP} \
      spawn "$name" "$LOG_DIR/$name.log" "$SERVICE_JAVA" $JAVA_OPTS $aot -jar "$jar")
    say "$name" "started pid $pid on http://127.0.0.1:$port (log: $LOG_DIR/$name.log)${aot:+ with ${aot%%=*}}"
    started+=("$name:$port:$mport:$pid")
  done
  for entry in "${started[@]}"; do
    IFS=: read -r name port mport pid <<<"$entry"
    wait_ready "$name" 120 "$LOG_DIR/$name.log" "$pid" health_up "$mport"
    say "$name" "ready: http://127.0.0.1:$port/q/swagger-ui"
  done
}

cmd_down() {
  local entry name pid
  for entry in $(instances 9); do
    name=${entry%%:*}
    if pid=$(running_pid "$name" "$(jar_of "$name")"); then
      stop_tree "$name" "$pid" 30
      rm -f "$(pid_file "$name")"
      say "$name" "stopped"
    elif [[ $name != *-[0-9] ]]; then
      say "$name" "not running"
    fi
  done
}

cmd_status() {
  local entry name port mport pid rc=0
  for entry in $(instances 9); do
    IFS=: read -r name port mport <<<"$entry"; pid=""
    # a replica beyond SEN_REPLICAS is shown only while it runs
    if [[ $name == *-[0-9] ]] && (( ${name##*-} > REPLICAS )) && ! running_pid "$name" "$(jar_of "$name")" >/dev/null; then
      continue
    fi
    if pid=$(running_pid "$name" "$(jar_of "$name")") && health_up "$mport"; then
      printf "%-23s READY    http://127.0.0.1:%s  health and metrics :%s  pid %s  log: %s\n" "$name" "$port" "$mport" "$pid" "$LOG_DIR/$name.log"
    elif [[ -n ${pid:-} ]]; then
      printf '%-23s STARTING http://127.0.0.1:%s  pid %s  log: %s\n' "$name" "$port" "$pid" "$LOG_DIR/$name.log"; rc=1
    else
      printf '%-23s DOWN\n' "$name"; rc=1
    fi
  done
  return $rc
}

case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: deploy/services.sh up|down|status" >&2; exit 2 ;;
esac
