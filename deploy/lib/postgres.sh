# shellcheck shell=bash
# PostgreSQL: the Debian cluster "main", managed with pg_ctlcluster (never run as root directly).
# Commands that may leave a daemon behind get `9>&-` so it does not inherit infra.sh's lock fd.
# Roles and databases come from deploy/postgres/databases.txt.

PG_CLUSTER=main
PG_DATABASES_FILE=$DEPLOY_DIR/postgres/databases.txt
PG_TIMEOUT=${SEN_PG_TIMEOUT:-60}

pg_installed() { command -v pg_ctlcluster >/dev/null 2>&1 && command -v pg_lsclusters >/dev/null 2>&1; }

pg_install() {
  local log=$LOG_DIR/postgres-install.log
  say postgres "pg_ctlcluster not found: installing PostgreSQL with apt-get (log: $log)"
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >"$log" 2>&1 </dev/null 9>&-; then
    show_log_tail "$log"
    die postgres "apt-get install postgresql failed; see $log"
  fi
}

# pg_version: major version of the cluster named main (newest if several), else the
# newest installed server version (a cluster is then created for it).
pg_version() {
  local v
  v=$(pg_lsclusters --no-header 2>/dev/null | awk -v c="$PG_CLUSTER" '$2 == c { print $1 }' | sort -n | tail -n 1)
  if [[ -z $v ]]; then
    v=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -n | tail -n 1)
  fi
  printf '%s\n' "$v"
}

# pg_port VERSION: the port the cluster is configured for.
pg_port() {
  pg_lsclusters --no-header 2>/dev/null | awk -v v="$1" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $3 }'
}

pg_log_file() {
  pg_lsclusters --no-header 2>/dev/null | awk -v v="$1" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $7 }'
}

pg_online() { pg_ctlcluster "$1" "$PG_CLUSTER" status >/dev/null 2>&1; }

# pg_configure VERSION: the cluster's settings of ours (conf.d/sen.conf, read at start): pg_stat_statements loaded,
# so statement counts and times can be read (the benchmark's database figures per change come from it).
PG_SEN_CONF=$'# Written by deploy/infra.sh (deploy/lib/postgres.sh): statement counts and times in pg_stat_statements\n'\
$'shared_preload_libraries = \'pg_stat_statements\'\n'
pg_configure() {
  local conf=/etc/postgresql/$1/$PG_CLUSTER/conf.d/sen.conf
  if [[ -d ${conf%/*} ]]; then printf '%s' "$PG_SEN_CONF" >"$conf"; fi
}

# pg_statements_loaded PORT: whether the running cluster has pg_stat_statements loaded.
pg_statements_loaded() {
  [[ $(runuser -u postgres -- psql -X -At -p "$1" -d postgres -c "SHOW shared_preload_libraries" 2>/dev/null) \
    == *pg_stat_statements* ]]
}

pg_ready() { pg_isready -q -h 127.0.0.1 -p "$1" -t 2; }

pg_provision() {
  local sql role dbs db
  sql=$'\\set ON_ERROR_STOP on\n'
  while read -r role dbs; do
    [[ -z $role || $role == \#* ]] && continue
    # role: created once; the password (= role name) is (re)set every time
    sql+="SELECT format('CREATE ROLE %I LOGIN', '$role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') \\gexec"$'\n'
    sql+="ALTER ROLE \"$role\" LOGIN PASSWORD '$role';"$'\n'
    for db in $dbs; do
      sql+="SELECT format('CREATE DATABASE %I OWNER %I', '$db', '$role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db') \\gexec"$'\n'
      sql+="ALTER DATABASE \"$db\" OWNER TO \"$role\";"$'\n'
    done
  done <"$PG_DATABASES_FILE"
  local out
  if ! out=$(printf '%s' "$sql" | runuser -u postgres -- psql -X -q -p "$1" -d postgres 2>&1); then
    printf '%s\n' "$out" >&2
    die postgres "creating roles/databases failed (SQL from $PG_DATABASES_FILE)"
  fi
  say postgres "roles and databases ok: $(grep -v '^#' "$PG_DATABASES_FILE" | awk 'NF { printf "%s%s", sep, $1; sep=", " }') (password = role name; from ${PG_DATABASES_FILE#"$ROOT_DIR"/})"
}

pg_up() {
  local t0 v port log
  t0=$(date +%s)
  pg_installed || pg_install
  v=$(pg_version)
  [[ -n $v ]] || die postgres "no PostgreSQL server version found under /usr/lib/postgresql"
  if [[ -z $(pg_port "$v") ]]; then
    say postgres "no cluster $v/$PG_CLUSTER: creating it"
    pg_createcluster "$v" "$PG_CLUSTER" >"$LOG_DIR/postgres-createcluster.log" 2>&1 </dev/null 9>&- \
      || die postgres "pg_createcluster failed; see $LOG_DIR/postgres-createcluster.log"
  fi
  port=$(pg_port "$v")
  log=$(pg_log_file "$v")
  [[ $port == 5432 ]] || say postgres "WARNING: cluster $v/$PG_CLUSTER is configured for port $port, not 5432"
  pg_configure "$v"
  if pg_online "$v"; then
    say postgres "cluster $v/$PG_CLUSTER already running"
  else
    say postgres "starting cluster $v/$PG_CLUSTER: pg_ctlcluster $v $PG_CLUSTER start (log: $log)"
    if ! pg_ctlcluster "$v" "$PG_CLUSTER" start >"$LOG_DIR/postgres-start.log" 2>&1 </dev/null 9>&-; then
      cat "$LOG_DIR/postgres-start.log" >&2
      show_log_tail "$log"
      die postgres "pg_ctlcluster $v $PG_CLUSTER start failed; see $log"
    fi
  fi
  wait_ready postgres "$PG_TIMEOUT" "$log" "" pg_ready "$port"
  pg_statements_loaded "$port" || say postgres "pg_stat_statements is not loaded (the cluster started before" \
    "conf.d/sen.conf): deploy/infra.sh restart postgres loads it"
  pg_provision "$port"
  say postgres "READY in $(elapsed "$t0") s: 127.0.0.1:$port (PostgreSQL $v) log: $log"
}

pg_down() {
  pg_installed || { say postgres "not installed"; return 0; }
  local v; v=$(pg_version)
  if [[ -n $v ]] && pg_online "$v"; then
    say postgres "stopping: pg_ctlcluster $v $PG_CLUSTER stop"
    pg_ctlcluster "$v" "$PG_CLUSTER" stop 9>&- || die postgres "pg_ctlcluster $v $PG_CLUSTER stop failed; see $(pg_log_file "$v")"
    say postgres "stopped"
  else
    say postgres "not running"
  fi
}

# pg_status: prints one line; returns 0 when ready.
pg_status() {
  if ! pg_installed; then
    printf '%-10s %s\n' postgres "not installed"
    return 1
  fi
  local v port
  v=$(pg_version); port=$(pg_port "$v")
  if [[ -n $v ]] && pg_online "$v" && pg_ready "$port"; then
    printf '%-10s %s\n' postgres "READY    127.0.0.1:$port  cluster $v/$PG_CLUSTER  log: $(pg_log_file "$v")"
  elif [[ -n $v ]] && pg_online "$v"; then
    printf '%-10s %s\n' postgres "RUNNING, not accepting connections yet  cluster $v/$PG_CLUSTER  log: $(pg_log_file "$v")"
    return 1
  else
    printf '%-10s %s\n' postgres "stopped  (cluster ${v:-?}/$PG_CLUSTER)"
    return 1
  fi
}
