# shellcheck shell=bash
# Kafka: single-node KRaft broker+controller from Maven Central jars (deploy/kafka/pom.xml).

KAFKA_POM=$DEPLOY_DIR/kafka/pom.xml
KAFKA_VERSION=$(pom_property "$KAFKA_POM" kafka.version)
KAFKA_HOME=$STATE_DIR/kafka
KAFKA_LIB=$KAFKA_HOME/lib-$KAFKA_VERSION
KAFKA_CONFIG=$KAFKA_HOME/config/server.properties
KAFKA_DATA=$KAFKA_HOME/data
KAFKA_LOG=$LOG_DIR/kafka.log                  # console: WARN+ and the "started" line
KAFKA_SERVER_LOG=$LOG_DIR/kafka/server.log    # everything
KAFKA_TOPICS_FILE=$DEPLOY_DIR/kafka/topics.txt
KAFKA_BOOTSTRAP=127.0.0.1:9092
KAFKA_TIMEOUT=${SEN_KAFKA_TIMEOUT:-90}
KAFKA_MARKER="kafka.Kafka $KAFKA_CONFIG"      # how our broker's command line ends

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

# kafka_create_topics: create the missing topics of topics.txt (one JVM for all of them).
kafka_create_topics() {
  local log=$LOG_DIR/kafka-topics.log out
  if ! out=$("$(java_bin)" -Xmx128m -Dlog4j2.configurationFile="$DEPLOY_DIR/kafka/tools-log4j2.properties" \
        -cp "$KAFKA_HOME/tools:$KAFKA_LIB/*" EnsureTopics "$KAFKA_BOOTSTRAP" "$KAFKA_TOPICS_FILE" 2>"$log"); then
    show_log_tail "$log"
    die kafka "creating topics failed; see $log"
  fi
  { grep -h '^WARNING: topic' "$log" || true; } | while read -r line; do say kafka "$line"; done
  say kafka "topics (${KAFKA_TOPICS_FILE#"$ROOT_DIR"/}): $out"
}

kafka_up() {
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

kafka_down() {
  local pid
  if pid=$(kafka_pid); then
    stop_tree kafka "$pid" 60
    say kafka "stopped"
  else
    say kafka "not running"
  fi
  rm -f "$(pid_file kafka)"
}

kafka_status() {
  local pid
  if pid=$(kafka_pid); then
    if port_open 9092 && kafka_started; then
      printf '%-10s %s\n' kafka "READY    $KAFKA_BOOTSTRAP  pid $pid  log: $KAFKA_LOG"
      return 0
    fi
    printf '%-10s %s\n' kafka "STARTING pid $pid  log: $KAFKA_LOG"
  else
    printf '%-10s %s\n' kafka "stopped"
  fi
  return 1
}

kafka_list_topics() {
  kafka_pid >/dev/null || die kafka "not running (deploy/infra.sh up)"
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --describe --exclude-internal \
    | awk '/^Topic:/ && /PartitionCount/ { printf "%-45s partitions=%s\n", $2, $6 }' | sort
}
