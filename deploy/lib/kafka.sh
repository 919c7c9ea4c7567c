# shellcheck shell=bash
# Kafka (KRaft) from Maven Central jars (deploy/kafka/pom.xml). SEN_KAFKA_BROKERS chooses the shape:
#   1 (default)  one node, broker + controller: 127.0.0.1:9092 (controller 9093), data <state>/kafka/data.
#   3            three broker + controller nodes with a static quorum: node N on 127.0.0.1:9190+2N (controller
#                9191+2N), data <state>/kafka/cluster/node-N; replication factor 3 and min.insync.replicas 2, so
#                acks=all writes go on while any one node is down.
# The two shapes share no port and no data, so they can run side by side. KAFKA_BOOTSTRAP is the client
# address list of the chosen shape: other scripts (services.sh) source this file to read it.

KAFKA_BROKERS=${SEN_KAFKA_BROKERS:-1}
[[ $KAFKA_BROKERS == 1 || $KAFKA_BROKERS == 3 ]] \
  || die kafka "SEN_KAFKA_BROKERS=$KAFKA_BROKERS is not supported: 1 (one broker, the default) or 3 (three-node cluster)"

KAFKA_POM=$DEPLOY_DIR/kafka/pom.xml
KAFKA_VERSION=$(pom_property "$KAFKA_POM" kafka.version)
KAFKA_HOME=$STATE_DIR/kafka
KAFKA_LIB=$KAFKA_HOME/lib-$KAFKA_VERSION
KAFKA_CONFIG=$KAFKA_HOME/config/server.properties
KAFKA_DATA=$KAFKA_HOME/data
KAFKA_LOG=$LOG_DIR/kafka.log                  # console: WARN+ and the "started" line
KAFKA_SERVER_LOG=$LOG_DIR/kafka/server.log    # everything
KAFKA_TOPICS_FILE=$DEPLOY_DIR/kafka/topics.txt
KAFKA_TIMEOUT=${SEN_KAFKA_TIMEOUT:-90}
KAFKA_MARKER="kafka.Kafka $KAFKA_CONFIG"      # how our broker's command line ends

# The three-node cluster: node N is pid name kafka-N, config and data in <state>/kafka/cluster/node-N,
# console log logs/kafka-N.log, full log logs/kafka-N/server.log.
KAFKA_CLUSTER_HOME=$KAFKA_HOME/cluster
KAFKA_CLUSTER_NODES=(1 2 3)
kafka_node_port()            { echo $(( 9190 + 2 * $1 )); }
kafka_node_controller_port() { echo $(( 9191 + 2 * $1 )); }
kafka_node_dir()             { printf '%s/node-%s\n' "$KAFKA_CLUSTER_HOME" "$1"; }
kafka_node_config()          { printf '%s/node-%s/server.properties\n' "$KAFKA_CLUSTER_HOME" "$1"; }
kafka_node_log()             { printf '%s/kafka-%s.log\n' "$LOG_DIR" "$1"; }
kafka_node_pid()             { running_pid "kafka-$1" "kafka.Kafka $(kafka_node_config "$1")"; }
kafka_node_started()         { grep -q 'Kafka Server started' "$(kafka_node_log "$1")" 2>/dev/null; }

kafka_cluster_mode() { (( KAFKA_BROKERS > 1 )); }

if kafka_cluster_mode; then
  KAFKA_BOOTSTRAP=""
  KAFKA_CLUSTER_VOTERS=""
  for _n in "${KAFKA_CLUSTER_NODES[@]}"; do
    KAFKA_BOOTSTRAP+=${KAFKA_BOOTSTRAP:+,}127.0.0.1:$(kafka_node_port "$_n")
    KAFKA_CLUSTER_VOTERS+=${KAFKA_CLUSTER_VOTERS:+,}$_n@127.0.0.1:$(kafka_node_controller_port "$_n")
  done
  unset _n
  KAFKA_REPLICATION=3   # topics, and the internal ones (offsets, transactions, share groups)
  KAFKA_MIN_ISR=2
else
  KAFKA_BOOTSTRAP=127.0.0.1:9092
  KAFKA_REPLICATION=1
  KAFKA_MIN_ISR=""      # the broker's default (1)
fi

kafka_pid() { running_pid kafka "$KAFKA_MARKER"; }

# kafka_tool MAIN-CLASS ARGS...: run a Kafka CLI class with the broker's classpath.
kafka_tool() {
  "$(java_bin)" -Xmx256m -Dlog4j2.configurationFile="$DEPLOY_DIR/kafka/tools-log4j2.properties" \
    -cp "$KAFKA_LIB/*" "$@"
}

kafka_download() {
  [[ -f $KAFKA_LIB/.complete ]] && return 0
  rm -rf "$KAFKA_LIB"
  mvn_fetch kafka "$KAFKA_POM" dependency:copy-dependencies
  [[ -f $KAFKA_LIB/kafka_2.13-$KAFKA_VERSION.jar ]] || die kafka "kafka_2.13-$KAFKA_VERSION.jar missing in $KAFKA_LIB after download"
  touch "$KAFKA_LIB/.complete"
}

# A KRaft cluster id: 16 random bytes, base64url without padding (Kafka's Uuid format;
# Kafka never hands out ids starting with '-').
kafka_cluster_id() {
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    [[ $id != -* ]] && break
  done
  printf '%s\n' "$id"
}

kafka_configure() {
  mkdir -p "$KAFKA_HOME/config" "$KAFKA_DATA" "$LOG_DIR/kafka"
  sed "s#@STATE_DIR@#$STATE_DIR#g" "$DEPLOY_DIR/kafka/server.properties" >"$KAFKA_CONFIG"
  if [[ ! -f $KAFKA_DATA/meta.properties ]]; then
    local id; id=$(kafka_cluster_id)
    say kafka "formatting storage $KAFKA_DATA (cluster id $id)"
    if ! "$(java_bin)" -Dlog4j2.configurationFile="$DEPLOY_DIR/kafka/tools-log4j2.properties" -cp "$KAFKA_LIB/*" \
          kafka.tools.StorageTool format -t "$id" -c "$KAFKA_CONFIG" >"$LOG_DIR/kafka-format.log" 2>&1; then
      show_log_tail "$LOG_DIR/kafka-format.log"
      die kafka "storage format failed; see $LOG_DIR/kafka-format.log"
    fi
  fi
}

kafka_started() { grep -q 'Kafka Server started' "$KAFKA_LOG" 2>/dev/null; }

# kafka_compile_tools: compile deploy/kafka/EnsureTopics.java once (again when it changes).
kafka_compile_tools() {
  local src=$DEPLOY_DIR/kafka/EnsureTopics.java out=$KAFKA_HOME/tools
  [[ -f $out/EnsureTopics.class && $out/EnsureTopics.class -nt $src ]] && return 0
  local javac=javac
  [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/javac ]] && javac=$JAVA_HOME/bin/javac
  command -v "$javac" >/dev/null || die kafka "javac not found (a JDK is needed to compile $src)"
  mkdir -p "$out"
  "$javac" -nowarn -d "$out" -cp "$KAFKA_LIB/*" "$src" >"$LOG_DIR/kafka-tools-compile.log" 2>&1 \
    || { show_log_tail "$LOG_DIR/kafka-tools-compile.log"; die kafka "compiling $src failed; see $LOG_DIR/kafka-tools-compile.log"; }
}

# kafka_create_topics: create the missing topics of topics.txt (one JVM for all of them), with the replication
# factor (and min.insync.replicas) of the chosen shape.
kafka_create_topics() {
  local log=$LOG_DIR/kafka-topics.log out
  kafka_cluster_mode && log=$LOG_DIR/kafka-cluster-topics.log
  if ! out=$("$(java_bin)" -Xmx128m -Dlog4j2.configurationFile="$DEPLOY_DIR/kafka/tools-log4j2.properties" \
        -cp "$KAFKA_HOME/tools:$KAFKA_LIB/*" EnsureTopics "$KAFKA_BOOTSTRAP" "$KAFKA_TOPICS_FILE" \
        "$KAFKA_REPLICATION" ${KAFKA_MIN_ISR:+"$KAFKA_MIN_ISR"} 2>"$log"); then
    show_log_tail "$log"
    die kafka "creating topics failed; see $log"
  fi
  { grep -h '^WARNING: topic' "$log" || true; } | while read -r line; do say kafka "$line"; done
  say kafka "topics (${KAFKA_TOPICS_FILE#"$ROOT_DIR"/}): $out"
}

kafka_up() {
  if kafka_cluster_mode; then kafka_cluster_up; else kafka_single_up; fi
}

kafka_down() {
  if kafka_cluster_mode; then kafka_cluster_down; else kafka_single_down; fi
}

kafka_status() {
  if kafka_cluster_mode; then kafka_cluster_status; else kafka_single_status; fi
}

# ---------------------------------------------------------------- one broker (SEN_KAFKA_BROKERS=1)

kafka_single_up() {
  local t0 pid
  t0=$(date +%s)
  if pid=$(kafka_pid); then
    say kafka "already running (pid $pid)"
  else
    kafka_download
    kafka_configure
    require_free_port kafka 9092
    require_free_port kafka 9093
    say kafka "starting broker $KAFKA_VERSION on $KAFKA_BOOTSTRAP (log: $KAFKA_LOG, full log: $KAFKA_SERVER_LOG)"
    pid=$(spawn kafka "$KAFKA_LOG" "$(java_bin)" -Xms256m -Xmx512m \
      -Dkafka.logs.dir="$LOG_DIR/kafka" -Dlog4j2.configurationFile="$DEPLOY_DIR/kafka/log4j2.properties" \
      -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_CONFIG")
  fi
  kafka_compile_tools   # while the broker starts
  wait_ready kafka "$KAFKA_TIMEOUT" "$KAFKA_LOG" "$pid" kafka_started
  kafka_create_topics
  say kafka "READY in $(elapsed "$t0") s: $KAFKA_BOOTSTRAP (controller 127.0.0.1:9093), pid $pid, log: $KAFKA_LOG"
}

kafka_single_down() {
  local pid
  if pid=$(kafka_pid); then
    stop_tree kafka "$pid" 60
    say kafka "stopped"
  else
    say kafka "not running"
  fi
  rm -f "$(pid_file kafka)"
  if kafka_cluster_pids >/dev/null; then
    say kafka "the 3-node cluster keeps running (SEN_KAFKA_BROKERS=3 deploy/infra.sh down kafka stops it)"
  fi
}

kafka_single_status() {
  local pid rc=1 others
  if pid=$(kafka_pid); then
    if port_open 9092 && kafka_started; then
      printf '%-10s %s\n' kafka "READY    $KAFKA_BOOTSTRAP  pid $pid  log: $KAFKA_LOG"
      rc=0
    else
      printf '%-10s %s\n' kafka "STARTING pid $pid  log: $KAFKA_LOG"
    fi
  else
    printf '%-10s %s\n' kafka "stopped"
  fi
  if others=$(kafka_cluster_pids); then
    printf '%-10s %s\n' "" "(the 3-node Kafka cluster runs too, pids $others: SEN_KAFKA_BROKERS=3 deploy/infra.sh status)"
  fi
  return "$rc"
}

# ---------------------------------------------------------------- three nodes (SEN_KAFKA_BROKERS=3)

# kafka_cluster_pids: the pids of the cluster's running nodes on one line; false if none runs.
kafka_cluster_pids() {
  local n pid pids=()
  [[ -d $KAFKA_CLUSTER_HOME ]] || return 1
  for n in "${KAFKA_CLUSTER_NODES[@]}"; do
    if pid=$(kafka_node_pid "$n"); then pids+=("$pid"); fi
  done
  (( ${#pids[@]} > 0 )) && printf '%s\n' "${pids[*]}"
}

# kafka_node_check N: fail unless N names a node of the cluster.
kafka_node_check() {
  [[ $1 =~ ^[0-9]+$ && " ${KAFKA_CLUSTER_NODES[*]} " == *" $1 "* ]] \
    || die kafka "no Kafka node '$1' (nodes: ${KAFKA_CLUSTER_NODES[*]})"
}

# kafka_node_configure N: write node N's server.properties: deploy/kafka/server.properties (so num.partitions,
# auto.create.topics.enable and the rest stay as for the single broker) with the node's own identity, ports and
# data dir, and the cluster's replication settings in place of the single-node ones.
kafka_node_configure() {
  local n=$1 port ctl dir overrides
  port=$(kafka_node_port "$n"); ctl=$(kafka_node_controller_port "$n"); dir=$(kafka_node_dir "$n")
  mkdir -p "$dir/data" "$LOG_DIR/kafka-$n"
  overrides="node.id=$n
controller.quorum.voters=$KAFKA_CLUSTER_VOTERS
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$ctl
advertised.listeners=PLAINTEXT://127.0.0.1:$port
log.dirs=$dir/data
default.replication.factor=$KAFKA_REPLICATION
min.insync.replicas=$KAFKA_MIN_ISR
offsets.topic.replication.factor=$KAFKA_REPLICATION
transaction.state.log.replication.factor=$KAFKA_REPLICATION
transaction.state.log.min.isr=$KAFKA_MIN_ISR
share.coordinator.state.topic.replication.factor=$KAFKA_REPLICATION
share.coordinator.state.topic.min.isr=$KAFKA_MIN_ISR
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0"
  {
    printf '# Generated by deploy/infra.sh (SEN_KAFKA_BROKERS=3): node %s of the 3-node KRaft cluster.\n' "$n"
    printf '# From deploy/kafka/server.properties; the lines after the blank one replace its single-node values.\n'
    awk -F= 'NR == FNR { replaced[$1] = 1; next } /^[[:space:]]*(#|$)/ { next } !($1 in replaced)' \
      <(printf '%s\n' "$overrides") "$DEPLOY_DIR/kafka/server.properties" | sed "s#@STATE_DIR@#$STATE_DIR#g"
    printf '\n%s\n' "$overrides"
  } >"$(kafka_node_config "$n")"
}

# kafka_node_format N ID: format node N's storage with cluster id ID (static quorum: no --standalone or
# --initial-controllers, controller.quorum.voters names the three controllers).
kafka_node_format() {
  local n=$1 id=$2 log=$LOG_DIR/kafka-$1-format.log
  say "kafka-$n" "formatting storage $(kafka_node_dir "$n")/data (cluster id $id)"
  if ! "$(java_bin)" -Dlog4j2.configurationFile="$DEPLOY_DIR/kafka/tools-log4j2.properties" -cp "$KAFKA_LIB/*" \
        kafka.tools.StorageTool format -t "$id" -c "$(kafka_node_config "$n")" >"$log" 2>&1; then
    show_log_tail "$log"
    die "kafka-$n" "storage format failed; see $log"
  fi
}

# kafka_cluster_configure NODE...: write the nodes' configs and format the unformatted ones (in parallel), all with
# the one cluster id kept in <state>/kafka/cluster/cluster.id.
kafka_cluster_configure() {
  local id_file=$KAFKA_CLUSTER_HOME/cluster.id id n job failed=0
  local -a jobs=()
  mkdir -p "$KAFKA_CLUSTER_HOME"
  if [[ ! -s $id_file ]]; then
    # a node formatted before cluster.id was written (an interrupted first up) keeps its id
    id=$(sed -n 's/^cluster\.id=//p' "$KAFKA_CLUSTER_HOME"/node-*/data/meta.properties 2>/dev/null | head -n 1 || true)
    [[ -n $id ]] || id=$(kafka_cluster_id)
    printf '%s\n' "$id" >"$id_file"
  fi
  id=$(<"$id_file")
  for n in "$@"; do
    kafka_node_configure "$n"
    if [[ ! -f $(kafka_node_dir "$n")/data/meta.properties ]]; then
      kafka_node_format "$n" "$id" &
      jobs+=("$!")
    fi
  done
  for job in "${jobs[@]}"; do wait "$job" || failed=1; done
  (( failed == 0 )) || die kafka "formatting the cluster's storage failed (messages above)"
}

# kafka_node_launch N: start node N detached (its pid in <state>/run/kafka-N.pid).
kafka_node_launch() {
  local n=$1 port ctl
  port=$(kafka_node_port "$n"); ctl=$(kafka_node_controller_port "$n")
  require_free_port "kafka-$n" "$port"
  require_free_port "kafka-$n" "$ctl"
  say "kafka-$n" "starting node $n ($KAFKA_VERSION) on 127.0.0.1:$port, controller $ctl (log: $(kafka_node_log "$n"), full log: $LOG_DIR/kafka-$n/server.log)"
  spawn "kafka-$n" "$(kafka_node_log "$n")" "$(java_bin)" -Xms128m -Xmx384m \
    -Dkafka.logs.dir="$LOG_DIR/kafka-$n" -Dlog4j2.configurationFile="$DEPLOY_DIR/kafka/log4j2.properties" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$(kafka_node_config "$n")" >/dev/null
}

# kafka_node_wait N SINCE: wait until node N logged "Kafka Server started" (its broker is registered and
# unfenced), at most SEN_KAFKA_TIMEOUT seconds after SINCE (epoch seconds).
kafka_node_wait() {
  local n=$1 since=$2 left
  left=$(( KAFKA_TIMEOUT - $(elapsed "$since") ))
  (( left > 0 )) || left=1
  wait_ready "kafka-$n" "$left" "$(kafka_node_log "$n")" "$(read_pid "kafka-$n")" kafka_node_started "$n"
}

kafka_cluster_up() {
  local t0 t1 n pid pids=()
  t0=$(date +%s)
  say kafka "3-node cluster: $KAFKA_BOOTSTRAP, replication factor $KAFKA_REPLICATION, min.insync.replicas $KAFKA_MIN_ISR (data: $KAFKA_CLUSTER_HOME)"
  kafka_download
  kafka_cluster_configure "${KAFKA_CLUSTER_NODES[@]}"
  t1=$(date +%s)
  for n in "${KAFKA_CLUSTER_NODES[@]}"; do
    if pid=$(kafka_node_pid "$n"); then
      say "kafka-$n" "already running (pid $pid)"
    else
      kafka_node_launch "$n"
    fi
  done
  kafka_compile_tools   # while the nodes start
  for n in "${KAFKA_CLUSTER_NODES[@]}"; do
    kafka_node_wait "$n" "$t1"
    pids+=("$(read_pid "kafka-$n")")
  done
  say kafka "all 3 nodes started $(elapsed "$t1") s after launch"
  kafka_create_topics
  say kafka "READY in $(elapsed "$t0") s: $KAFKA_BOOTSTRAP (controllers 9193,9195,9197), pids ${pids[*]}, logs: $LOG_DIR/kafka-N.log"
}

kafka_cluster_down() {
  local n pid job any=0
  local -a jobs=()
  # All at once: each node's controlled shutdown needs a controller quorum, which nodes stopped one after the
  # other would take away from the last one.
  for n in "${KAFKA_CLUSTER_NODES[@]}"; do
    if pid=$(kafka_node_pid "$n"); then
      stop_tree "kafka-$n" "$pid" 60 &
      jobs+=("$!")
      any=1
    fi
  done
  for job in "${jobs[@]}"; do wait "$job" || true; done
  for n in "${KAFKA_CLUSTER_NODES[@]}"; do rm -f "$(pid_file "kafka-$n")"; done
  if (( any )); then say kafka "3-node cluster stopped"; else say kafka "3-node cluster not running"; fi
}

kafka_cluster_status() {
  local n pid port ready=0 alive=0 rc=1 lines=() state
  for n in "${KAFKA_CLUSTER_NODES[@]}"; do
    port=$(kafka_node_port "$n")
    if pid=$(kafka_node_pid "$n"); then
      alive=$(( alive + 1 ))
      if port_open "$port" && kafka_node_started "$n"; then
        ready=$(( ready + 1 ))
        state="READY    127.0.0.1:$port (controller $(kafka_node_controller_port "$n"))  pid $pid  log: $(kafka_node_log "$n")"
      else
        state="STARTING pid $pid  log: $(kafka_node_log "$n")"
      fi
    else
      state="stopped"
    fi
    lines+=("$(printf '%-10s %s' "kafka-$n" "$state")")
  done
  if (( ready == ${#KAFKA_CLUSTER_NODES[@]} )); then
    printf '%-10s %s\n' kafka "READY    $KAFKA_BOOTSTRAP  3-node cluster, replication $KAFKA_REPLICATION, min.insync.replicas $KAFKA_MIN_ISR"
    rc=0
  elif (( alive == 0 )); then
    printf '%-10s %s\n' kafka "stopped  (3-node cluster)"
  elif (( ready == 0 )); then
    printf '%-10s %s\n' kafka "STARTING 3-node cluster, $alive of 3 nodes running"
  else
    printf '%-10s %s\n' kafka "DEGRADED $ready of 3 nodes ready: $KAFKA_BOOTSTRAP"
  fi
  printf '%s\n' "${lines[@]}"
  if pid=$(kafka_pid); then
    printf '%-10s %s\n' "" "(the single broker runs too on 127.0.0.1:9092, pid $pid: deploy/infra.sh status)"
  fi
  return "$rc"
}

# kafka_require_cluster WHAT: fail with a clear message unless SEN_KAFKA_BROKERS=3.
kafka_require_cluster() {
  kafka_cluster_mode && return 0
  die kafka "$1 needs the 3-node cluster (SEN_KAFKA_BROKERS=3); SEN_KAFKA_BROKERS=$KAFKA_BROKERS runs one broker, which 'deploy/infra.sh down|up kafka' stops and starts"
}

# kafka_node_stop N: SIGTERM node N only (controlled shutdown) and wait until it has exited.
kafka_node_stop() {
  local n=$1 pid t0
  kafka_require_cluster "kafka-node stop"
  kafka_node_check "$n"
  t0=$(date +%s)
  if pid=$(kafka_node_pid "$n"); then
    stop_tree "kafka-$n" "$pid" 60
    say "kafka-$n" "stopped in $(elapsed "$t0") s"
  else
    say "kafka-$n" "not running"
  fi
  rm -f "$(pid_file "kafka-$n")"
}

# kafka_node_start N: start node N again (after kafka_node_stop) and wait until it has started.
kafka_node_start() {
  local n=$1 pid t0
  kafka_require_cluster "kafka-node start"
  kafka_node_check "$n"
  t0=$(date +%s)
  if pid=$(kafka_node_pid "$n"); then
    say "kafka-$n" "already running (pid $pid)"
  else
    [[ -s $KAFKA_CLUSTER_HOME/cluster.id && -f $KAFKA_LIB/.complete ]] \
      || die kafka "the cluster has never been started: SEN_KAFKA_BROKERS=3 deploy/infra.sh up kafka"
    kafka_cluster_configure "$n"
    kafka_node_launch "$n"
    pid=$(read_pid "kafka-$n")
  fi
  kafka_node_wait "$n" "$t0"
  say "kafka-$n" "READY in $(elapsed "$t0") s: 127.0.0.1:$(kafka_node_port "$n"), pid $pid, log: $(kafka_node_log "$n")"
}

# ---------------------------------------------------------------- both shapes

# kafka_list_topics [--replication]: one line per topic, "NAME partitions=N" (lib/check.sh reads these lines);
# --replication adds, for the cluster, the replication factor, the topic's min.insync.replicas and the number of
# partitions whose in-sync replicas are fewer than their replicas.
kafka_list_topics() {
  if kafka_cluster_mode; then
    kafka_cluster_pids >/dev/null || die kafka "no node of the 3-node cluster runs (SEN_KAFKA_BROKERS=3 deploy/infra.sh up kafka)"
  else
    kafka_pid >/dev/null || die kafka "not running (deploy/infra.sh up)"
  fi
  if [[ ${1:-} == --replication ]] && kafka_cluster_mode; then
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --describe --exclude-internal \
      | awk '
          /^Topic:/ && /PartitionCount/ {
            name = $2; order[++count] = name; partitions[name] = $6; rf[name] = $8; isr[name] = "-"
            if (match($0, /min\.insync\.replicas=[0-9]+/)) isr[name] = substr($0, RSTART + 20, RLENGTH - 20)
            next
          }
          /Partition:/ {
            topic = ""; replicas = 0; insync = 0
            for (i = 1; i < NF; i++) {
              if ($i == "Topic:") topic = $(i + 1)
              if ($i == "Replicas:" && $(i + 1) ~ /^[0-9]/) replicas = split($(i + 1), r, ",")
              if ($i == "Isr:" && $(i + 1) ~ /^[0-9]/) insync = split($(i + 1), s, ",")
            }
            if (insync < replicas) under[topic]++
          }
          END {
            for (i = 1; i <= count; i++) {
              t = order[i]
              printf "%-45s partitions=%s replication=%s min.insync.replicas=%s under-replicated=%d\n", t, partitions[t], rf[t], isr[t], under[t]
            }
          }' | sort
  else
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --describe --exclude-internal \
      | awk '/^Topic:/ && /PartitionCount/ { printf "%-45s partitions=%s\n", $2, $6 }' | sort
  fi
}
