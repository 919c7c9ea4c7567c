# shellcheck shell=bash
# Keycloak: keycloak-quarkus-dist zip from Maven Central (deploy/keycloak/pom.xml), run with
# `kc.sh start-dev` (H2 file database in <dist>/data/h2) and the realm deploy/keycloak/sen-realm.json.
# The realm is imported on start; when the realm file's checksum differs from the one last
# imported, the H2 database is deleted first so that the edited realm is imported afresh.

KC_POM=$DEPLOY_DIR/keycloak/pom.xml
KC_VERSION=$(pom_property "$KC_POM" keycloak.version)
KC_HOME=$STATE_DIR/keycloak/keycloak-$KC_VERSION
KC_UNPACKED=$STATE_DIR/keycloak/.unpacked-$KC_VERSION
KC_REALM_SRC=$DEPLOY_DIR/keycloak/sen-realm.json
KC_REALM_SUM=$STATE_DIR/keycloak/imported-realm.sha256
KC_LOG=$LOG_DIR/keycloak.log
KC_PORT=8180
KC_URL=http://127.0.0.1:$KC_PORT
KC_DISCOVERY=$KC_URL/realms/sen/.well-known/openid-configuration
KC_TIMEOUT=${SEN_KEYCLOAK_TIMEOUT:-300}
KC_MARKER=$KC_HOME/bin/   # in kc.sh's command line and in java's -Dkc.home.dir

# kc_pid: pid of our kc.sh (or of its java, if kc.sh is gone but java is not).
kc_pid() {
  running_pid keycloak "$KC_MARKER" || running_pid keycloak-java "$KC_MARKER"
}

# kc_java_pid PID: the java process of Keycloak: kc.sh either execs java (same pid)
# or runs it as a child.
kc_java_pid() {
  local pid=$1 child
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'QuarkusEntryPoint'; then
    printf '%s\n' "$pid"; return 0
  fi
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    if tr '\0' ' ' <"/proc/$child/cmdline" 2>/dev/null | grep -q 'QuarkusEntryPoint'; then
      printf '%s\n' "$child"; return 0
    fi
  done
  return 1
}

kc_realm_sum() { sha256sum "$KC_REALM_SRC" | cut -d' ' -f1; }

kc_realm_changed() { [[ ! -f $KC_REALM_SUM || $(cat "$KC_REALM_SUM") != "$(kc_realm_sum)" ]]; }

kc_download() {
  [[ -f $KC_UNPACKED && -x $KC_HOME/bin/kc.sh ]] && return 0
  rm -rf "$KC_HOME" "$STATE_DIR/build/keycloak" "$KC_REALM_SUM"
  mvn_fetch keycloak "$KC_POM" dependency:unpack
  [[ -x $KC_HOME/bin/kc.sh ]] || die keycloak "$KC_HOME/bin/kc.sh missing after unpack"
  touch "$KC_UNPACKED"
}

kc_prepare_realm() {
  mkdir -p "$KC_HOME/data/import"
  if kc_realm_changed; then
    if [[ -d $KC_HOME/data/h2 ]]; then
      say keycloak "realm file changed since the last import: deleting $KC_HOME/data/h2 to re-import it"
    fi
    rm -rf "$KC_HOME/data/h2"
  fi
  cp "$KC_REALM_SRC" "$KC_HOME/data/import/sen-realm.json"
}

kc_discovery_ok() { curl -sf -o /dev/null --max-time 3 "$KC_DISCOVERY"; }

# kc_start: download, prepare and launch (does not wait).
kc_start() {
  local pid
  if pid=$(kc_pid); then
    if kc_realm_changed; then
      say keycloak "running (pid $pid) but ${KC_REALM_SRC#"$ROOT_DIR"/} changed since its import: restarting to re-import"
      kc_down
    else
      say keycloak "already running (pid $pid)"
      return 0
    fi
  fi
  kc_download
  kc_prepare_realm
  require_free_port keycloak "$KC_PORT"
  local java_home=${SEN_KEYCLOAK_JAVA_HOME:-${JAVA_HOME:-}}
  say keycloak "starting Keycloak $KC_VERSION (kc.sh start-dev, java: ${java_home:-java on PATH}) on $KC_URL (log: $KC_LOG)"
  local envs=(KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin)
  [[ -z $java_home ]] || envs+=("JAVA_HOME=$java_home")
  pid=$(spawn keycloak "$KC_LOG" env "${envs[@]}" "$KC_HOME/bin/kc.sh" start-dev --http-host 127.0.0.1 --http-port "$KC_PORT" \
    --hostname "$KC_URL" --import-realm)
  say keycloak "launched pid $pid (first start builds Keycloak: ~45-60 s; later starts ~15-25 s)"
}

# kc_wait: wait for the realm's discovery document, then record the java pid and realm checksum.
kc_wait() {
  local t0 pid jpid
  t0=$(date +%s)
  pid=$(kc_pid) || { show_log_tail "$KC_LOG"; die keycloak "not running; see $KC_LOG"; }
  wait_ready keycloak "$KC_TIMEOUT" "$KC_LOG" "$pid" kc_discovery_ok
  if jpid=$(kc_java_pid "$pid"); then
    echo "$jpid" >"$(pid_file keycloak-java)"
  fi
  kc_realm_sum >"$KC_REALM_SUM"
  say keycloak "READY (waited $(elapsed "$t0") s): $KC_URL realm sen (admin console $KC_URL/admin admin/admin), pid $pid${jpid:+ (java $jpid)}, log: $KC_LOG"
}

kc_up() {
  kc_start
  kc_wait
}

kc_down() {
  local pid jpid stopped=0
  if pid=$(running_pid keycloak "$KC_MARKER"); then
    stop_tree keycloak "$pid" 60
    stopped=1
  fi
  # java outlives kc.sh only if kc.sh was killed hard; stop it by its recorded pid too
  if jpid=$(running_pid keycloak-java "$KC_MARKER"); then
    stop_tree keycloak "$jpid" 60
    stopped=1
  fi
  rm -f "$(pid_file keycloak)" "$(pid_file keycloak-java)"
  if (( stopped )); then say keycloak "stopped"; else say keycloak "not running"; fi
}

kc_status() {
  local pid jpid
  if pid=$(kc_pid); then
    jpid=$(read_pid keycloak-java)
    if kc_discovery_ok; then
      printf '%-10s %s\n' keycloak "READY    $KC_URL (realm sen, admin admin/admin)  pid $pid${jpid:+ (java $jpid)}  log: $KC_LOG"
      kc_realm_changed && printf '%-10s %s\n' "" "NOTE: ${KC_REALM_SRC#"$ROOT_DIR"/} changed since import; 'infra.sh up' re-imports it"
      return 0
    fi
    printf '%-10s %s\n' keycloak "STARTING pid $pid  log: $KC_LOG"
  else
    printf '%-10s %s\n' keycloak "stopped"
  fi
  return 1
}
