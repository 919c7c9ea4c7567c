# shellcheck shell=bash
# GreenMail standalone: SMTP sink on 127.0.0.1:3025 with a REST API on 127.0.0.1:8025.
# The jar from Maven Central is shaded (self-contained), so it runs with java -jar.

GREENMAIL_POM=$DEPLOY_DIR/greenmail/pom.xml
GREENMAIL_VERSION=$(pom_property "$GREENMAIL_POM" greenmail.version)
GREENMAIL_JAR=$STATE_DIR/greenmail/lib/greenmail-standalone-$GREENMAIL_VERSION.jar
GREENMAIL_LOG=$LOG_DIR/greenmail.log
GREENMAIL_SMTP_PORT=3025
GREENMAIL_API_PORT=8025
GREENMAIL_API=http://127.0.0.1:$GREENMAIL_API_PORT
GREENMAIL_TIMEOUT=${SEN_GREENMAIL_TIMEOUT:-60}

greenmail_pid() { running_pid greenmail "$GREENMAIL_JAR"; }

greenmail_download() {
  [[ -f $GREENMAIL_JAR ]] && return 0
  mvn_fetch greenmail "$GREENMAIL_POM" dependency:copy-dependencies
  [[ -f $GREENMAIL_JAR ]] || die greenmail "$GREENMAIL_JAR missing after download"
}

greenmail_ready() { curl -sf -o /dev/null --max-time 2 "$GREENMAIL_API/api/service/readiness"; }

greenmail_up() {
  local t0 pid
  t0=$(date +%s)
  if pid=$(greenmail_pid); then
    say greenmail "already running (pid $pid)"
  else
    greenmail_download
    require_free_port greenmail "$GREENMAIL_SMTP_PORT"
    require_free_port greenmail "$GREENMAIL_API_PORT"
    say greenmail "starting GreenMail $GREENMAIL_VERSION (log: $GREENMAIL_LOG)"
    pid=$(spawn greenmail "$GREENMAIL_LOG" "$(java_bin)" -Xms32m -Xmx256m \
      -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$GREENMAIL_SMTP_PORT" \
      -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$GREENMAIL_API_PORT" \
      -Dgreenmail.auth.disabled \
      -jar "$GREENMAIL_JAR")
  fi
  wait_ready greenmail "$GREENMAIL_TIMEOUT" "$GREENMAIL_LOG" "$pid" greenmail_ready
  say greenmail "READY in $(elapsed "$t0") s: smtp 127.0.0.1:$GREENMAIL_SMTP_PORT, api $GREENMAIL_API, pid $pid, log: $GREENMAIL_LOG"
}

greenmail_down() {
  local pid
  if pid=$(greenmail_pid); then
    stop_tree greenmail "$pid" 20
    say greenmail "stopped"
  else
    say greenmail "not running"
  fi
  rm -f "$(pid_file greenmail)"
}

greenmail_status() {
  local pid
  if pid=$(greenmail_pid); then
    if greenmail_ready; then
      printf '%-10s %s\n' greenmail "READY    smtp 127.0.0.1:$GREENMAIL_SMTP_PORT  api $GREENMAIL_API  pid $pid  log: $GREENMAIL_LOG"
      return 0
    fi
    printf '%-10s %s\n' greenmail "STARTING pid $pid  log: $GREENMAIL_LOG"
  else
    printf '%-10s %s\n' greenmail "stopped"
  fi
  return 1
}
