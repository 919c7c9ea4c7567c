# shellcheck shell=bash
# Shared helpers for deploy/infra.sh: paths, logging, downloads, process handling.
# Sourced by infra.sh (which sets DEPLOY_DIR and `set -euo pipefail`); deploy/services.sh sources it
# too, so keep these function names and arguments stable.

ROOT_DIR=$(cd "$DEPLOY_DIR/.." && pwd)
STATE_DIR=${SEN_STATE_DIR:-$DEPLOY_DIR/.state}
mkdir -p "$STATE_DIR"
STATE_DIR=$(cd "$STATE_DIR" && pwd)
RUN_DIR=$STATE_DIR/run
LOG_DIR=$STATE_DIR/logs

# ---------------------------------------------------------------- output

# say PIECE MESSAGE...: one timestamped line on stdout.
say() {
  local piece=$1; shift
  printf '%s %-10s %s\n' "$(date +%H:%M:%S)" "[$piece]" "$*"
}

# die PIECE MESSAGE...: one line on stderr, then exit 1 (ends a background job only).
die() {
  local piece=$1; shift
  printf '%s %-10s ERROR: %s\n' "$(date +%H:%M:%S)" "[$piece]" "$*" >&2
  exit 1
}

# show_log_tail FILE [LINES]: the end of a log file on stderr, indented.
show_log_tail() {
  local file=$1 lines=${2:-25}
  if [[ -s $file ]]; then
    printf '    --- last %s lines of %s ---\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" | sed 's/^/    | /' >&2
  fi
}

# ---------------------------------------------------------------- misc

java_bin() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    printf '%s\n' "$JAVA_HOME/bin/java"
  else
    printf 'java\n'
  fi
}

# java_major JAVA: the feature release of a java binary (17, 25...), 0 when it does not run.
java_major() {
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1 | grep . || echo 0
}

# The services' JVM options (SEN_SERVICE_JAVA_OPTS in services.sh, BENCH_JAVA_OPTS in bench.sh replace them): a heap
# that starts at 32 MB and grows as far as the service needs, up to 256 MB (a heap committed whole at the start was
# 60 MB of an idle service's RSS), and the serial collector.
SERVICE_JAVA_OPTS_DEFAULT="-Xms32m -Xmx256m -XX:+UseSerialGC"

# service_java: the JVM that runs the services. SEN_SERVICE_JAVA when given; else a JDK 25 or newer when this machine
# has one (JAVA_HOME's, or the newest under /usr/lib/jvm), for its ahead-of-time cache and compact object headers;
# else the build's java (17).
service_java() {
  if [[ -n ${SEN_SERVICE_JAVA:-} ]]; then
    printf '%s\n' "$SEN_SERVICE_JAVA"
    return
  fi
  local candidate best="" best_major=0 major
  for candidate in "$(java_bin)" /usr/lib/jvm/*/bin/java; do
    [[ -x $candidate || $candidate == java ]] || continue
    major=$(java_major "$candidate")
    if (( major >= 25 && major > best_major )); then
      best=$candidate best_major=$major
    fi
  done
  printf '%s\n' "${best:-$(java_bin)}"
}

# pom_property POM NAME: value of <NAME>…</NAME> in a pom's <properties>.
pom_property() {
  sed -n "s:.*<$2>\(.*\)</$2>.*:\1:p" "$1" | head -n 1
}

# port_open PORT: true if something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# elapsed SINCE_EPOCH_SECONDS: whole seconds since then.
elapsed() {
  echo $(( $(date +%s) - $1 ))
}

# ---------------------------------------------------------------- downloads

# mvn_fetch PIECE POM GOAL: run the repo root's Maven wrapper on one of the small
# download poms under deploy/. Output goes to <state>/logs/download-PIECE.log.
# The file-lock sync context lets several downloads share ~/.m2 safely in parallel.
mvn_fetch() {
  local piece=$1 pom=$2 goal=$3
  local log=$LOG_DIR/download-$piece.log
  local t0; t0=$(date +%s)
  say "$piece" "downloading through ./mvnw -f ${pom#"$ROOT_DIR"/} $goal (log: $log)"
  if ! (cd "$ROOT_DIR" && ./mvnw -B -q -f "$pom" "$goal" \
          "-Dsen.state.dir=$STATE_DIR" \
          -Daether.syncContext.named.factory=file-lock \
          -Daether.syncContext.named.nameMapper=file-gav) >"$log" 2>&1 </dev/null 9>&-; then
    show_log_tail "$log" 40
    die "$piece" "download failed, see $log"
  fi
  say "$piece" "download done in $(elapsed "$t0") s"
}

# ---------------------------------------------------------------- processes

pid_file() { printf '%s/%s.pid\n' "$RUN_DIR" "$1"; }

# read_pid NAME: the recorded pid, or nothing.
read_pid() {
  local f; f=$(pid_file "$1")
  if [[ -s $f ]]; then tr -dc '0-9' <"$f"; fi
}

# pid_matches PID MARKER: true if PID is alive and its command line contains MARKER
# (protects against killing an unrelated process that reused a stale pid).
pid_matches() {
  local pid=$1 marker=$2
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"
}

# running_pid NAME MARKER: prints the recorded pid if that process is alive and
# matches; removes a stale pid file otherwise.
# jar_of NAME: the built jar of a service, or of one of its replicas (review-service-2 runs review-service's jar).
jar_of() { printf '%s/%s/target/quarkus-app/quarkus-run.jar\n' "$ROOT_DIR" "${1%-[0-9]}"; }

running_pid() {
  local name=$1 marker=$2 pid
  pid=$(read_pid "$name")
  if [[ -n $pid ]] && pid_matches "$pid" "$marker"; then
    printf '%s\n' "$pid"
    return 0
  fi
  rm -f "$(pid_file "$name")"
  return 1
}

# spawn NAME LOG CMD...: start CMD detached (own session, stdin /dev/null, output
# to LOG), record its pid in <state>/run/NAME.pid and print it. The wrapper shell
# writes its own pid and then execs CMD, so the recorded pid is CMD's pid.
spawn() {
  local name=$1 log=$2; shift 2
  local pf; pf=$(pid_file "$name")
  rm -f "$pf" "$pf.tmp"
  # fd 9 is infra.sh's lock: the daemon must not inherit it.
  # shellcheck disable=SC2016 # $$ and $@ are for the inner shell
  setsid bash -c 'cd "$1" && echo $$ >"$2.tmp" && mv "$2.tmp" "$2" && shift 2 && exec "$@"' \
    spawn "$STATE_DIR" "$pf" "$@" >"$log" 2>&1 </dev/null 9>&- &
  local i
  for i in $(seq 1 100); do
    [[ -s $pf ]] && break
    sleep 0.05
  done
  [[ -s $pf ]] || die "$name" "could not start (no pid file $pf); see $log"
  read_pid "$name"
}

# descendants PID: all child pids of PID, recursively (children before grandchildren).
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    printf '%s\n' "$child"
    descendants "$child"
  done
}

# stop_tree PIECE PID [TIMEOUT]: SIGTERM to PID and all its descendants, wait up to
# TIMEOUT seconds (default 30), then SIGKILL whatever is left. Only these pids are touched.
stop_tree() {
  local piece=$1 pid=$2 timeout=${3:-30}
  local pids p alive i
  pids="$pid $(descendants "$pid" | tr '\n' ' ')"
  say "$piece" "stopping pid(s) $pids"
  for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
  for (( i = 0; i < timeout * 5; i++ )); do
    alive=""
    for p in $pids; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
    [[ -z $alive ]] && return 0
    sleep 0.2
  done
  say "$piece" "still alive after ${timeout}s, sending SIGKILL to$alive"
  for p in $alive; do kill -KILL "$p" 2>/dev/null || true; done
  sleep 0.5
}

# wait_ready PIECE TIMEOUT LOG PID CHECK-CMD...: poll CHECK-CMD every 0.5 s until it
# succeeds. Fails loudly, naming LOG, when PID dies or TIMEOUT seconds pass.
wait_ready() {
  local piece=$1 timeout=$2 log=$3 pid=$4; shift 4
  local t0; t0=$(date +%s)
  until "$@"; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      show_log_tail "$log"
      die "$piece" "process $pid exited before becoming ready; see $log"
    fi
    if (( $(elapsed "$t0") >= timeout )); then
      show_log_tail "$log"
      die "$piece" "not ready within ${timeout}s; see $log"
    fi
    sleep 0.5
  done
}

# require_free_port PIECE PORT: fail if PORT is taken by a process we did not record.
require_free_port() {
  if port_open "$2"; then
    die "$1" "port 127.0.0.1:$2 is already in use by a process not started by infra.sh (check: ss -ltnp 'sport = :$2')"
  fi
}
