# shellcheck shell=bash
# `infra.sh check`: end-to-end smoke test of the running stack (PostgreSQL logins, Kafka topics,
# Keycloak token claims, a mail through GreenMail). Needs only bash, curl, base64 and psql.

CHECK_PASSED=0
CHECK_FAILED=0

check_result() { # check_result NAME OK? DETAIL
  if [[ $2 == ok ]]; then
    CHECK_PASSED=$((CHECK_PASSED + 1)); printf '  ok    %s\n' "$1"
  else
    CHECK_FAILED=$((CHECK_FAILED + 1)); printf '  FAIL  %s: %s\n' "$1" "$3"
  fi
}

# jwt_payload TOKEN: the decoded (compact JSON) payload of a JWT.
jwt_payload() {
  local p; p=$(cut -d. -f2 <<<"$1" | tr '_-' '/+')
  while (( ${#p} % 4 )); do p+='='; done
  base64 -d <<<"$p" 2>/dev/null
}

# token_payload FORM-ARGS...: access-token payload from the sen realm's token endpoint.
token_payload() {
  local resp token
  resp=$(curl -s --max-time 10 -X POST "$KC_URL/realms/sen/protocol/openid-connect/token" "$@") || return 1
  token=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$resp")
  [[ -n $token ]] || { printf 'no access_token in: %s' "$resp"; return 1; }
  jwt_payload "$token"
}

# expect_claims NAME PAYLOAD FRAGMENT...: every JSON fragment must occur in the payload.
expect_claims() {
  local name=$1 payload=$2 f; shift 2
  for f in "$@"; do
    if [[ $payload != *"$f"* ]]; then
      check_result "$name" fail "missing $f in $payload"
      return
    fi
  done
  check_result "$name" ok
}

check_postgres() {
  local role dbs db got port
  port=$(pg_port "$(pg_version)")
  while read -r role dbs; do
    [[ -z $role || $role == \#* ]] && continue
    for db in $dbs; do
      got=$(PGPASSWORD=$role PGCONNECT_TIMEOUT=5 psql -X -h 127.0.0.1 -p "$port" -U "$role" -d "$db" -Atc \
            "select current_user || '@' || current_database() || ' owner=' || pg_get_userbyid(datdba) from pg_database where datname = current_database()" 2>&1) || true
      if [[ $got == "$role@$db owner=$role" ]]; then check_result "postgres $role@$db (password auth over TCP)" ok
      else check_result "postgres $role@$db" fail "$got"; fi
    done
  done <"$PG_DATABASES_FILE"
}

check_kafka() {
  local listed name partitions line
  listed=$(kafka_list_topics 2>&1) || { check_result "kafka topics" fail "$listed"; return; }
  while read -r line; do
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    read -r name partitions <<<"$line"
    if grep -qE "^$name +partitions=${partitions:-1}\$" <<<"$listed"; then check_result "kafka topic $name (${partitions:-1} partitions)" ok
    else check_result "kafka topic $name" fail "not listed with ${partitions:-1} partitions"; fi
  done <"$KAFKA_TOPICS_FILE"
}

check_keycloak() {
  local p iss="\"iss\":\"$KC_URL/realms/sen\""
  if p=$(token_payload -d grant_type=password -d client_id=sen-cli -d username=senco.harbour -d password=demo); then
    expect_claims "keycloak password grant senco.harbour: sub, roles, trust, schools[]" "$p" "$iss" \
      '"sub":"00000000-0000-4000-8000-000000000001"' \
      '"preferred_username":"senco.harbour"' '"realm_access":{"roles":["senco"]}' '"trust":"northbridge"' '"schools":["900101"]'
  else check_result "keycloak password grant senco.harbour" fail "$p"; fi
  if p=$(token_payload -d grant_type=password -d client_id=sen-cli -d username=la.officer -d password=demo); then
    expect_claims "keycloak password grant la.officer: la" "$p" "$iss" '"realm_access":{"roles":["la-officer"]}' '"la":"801"'
  else check_result "keycloak password grant la.officer" fail "$p"; fi
  if p=$(token_payload -d grant_type=client_credentials -d client_id=sen-mis -d client_secret=sen-mis-secret); then
    expect_claims "keycloak client_credentials sen-mis" "$p" "$iss" '"sub":"' '"realm_access":{"roles":["integration"]}' \
      '"trust":"northbridge"' '"schools":["900101","900102","900103"]'
  else check_result "keycloak client_credentials sen-mis" fail "$p"; fi
  if p=$(token_payload -d grant_type=client_credentials -d client_id=sen-la -d client_secret=sen-la-secret); then
    expect_claims "keycloak client_credentials sen-la" "$p" "$iss" '"realm_access":{"roles":["la-officer"]}' '"la":"801"'
  else check_result "keycloak client_credentials sen-la" fail "$p"; fi
}

check_greenmail() {
  local rcpt subject mail out
  rcpt="infra-check-$$-$(date +%s)@sen.example"
  subject="infra check $(date +%s)"
  mail=$(mktemp)
  printf 'From: infra-check@sen.example\r\nTo: %s\r\nSubject: %s\r\n\r\nhello from deploy/infra.sh check\r\n' "$rcpt" "$subject" >"$mail"
  if ! out=$(curl -sS --max-time 10 --url "smtp://127.0.0.1:$GREENMAIL_SMTP_PORT" --mail-from infra-check@sen.example \
               --mail-rcpt "$rcpt" -T "$mail" 2>&1); then
    rm -f "$mail"; check_result "greenmail smtp send" fail "$out"; return
  fi
  rm -f "$mail"
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    out=$(curl -s --max-time 5 "$GREENMAIL_API/api/user/$rcpt/messages/INBOX")
    [[ $out == *"$subject"* ]] && break
    sleep 0.3
  done
  if [[ $out == *"$subject"* ]]; then check_result "greenmail smtp -> GET /api/user/<email>/messages/INBOX" ok
  else check_result "greenmail smtp -> api" fail "$out"; fi
  # clean up: remove the check's mailbox (does not touch other users' mail)
  curl -s -o /dev/null --max-time 5 -X DELETE "$GREENMAIL_API/api/user/$rcpt" || true
}

cmd_check() {
  say check "PostgreSQL";  check_postgres
  say check "Kafka";       check_kafka
  say check "Keycloak";    check_keycloak
  say check "GreenMail";   check_greenmail
  printf '\ncheck: %d passed, %d failed\n' "$CHECK_PASSED" "$CHECK_FAILED"
  (( CHECK_FAILED == 0 ))
}
