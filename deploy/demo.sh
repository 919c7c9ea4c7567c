#!/usr/bin/env bash
# Loads the demo trust through the public API, as its users would (fictional people only):
#   1. the trust admin adds the schools; each school's SENCO imports the register from a MIS file
#      (deploy/demo/DemoRegister.java writes them);
#   2. the trust admin records who at each school receives alerts (staff contacts);
#   3. each SENCO imports the parents, carers and agencies of their pupils on the register and records the basis for
#      sharing with each agency (deploy/demo/DemoContacts.java writes them from the register the API answers);
#   4. the trust admin records each school's SENCO post (SLT seat, the NPQ for SENCOs), SLT and the trust admin
#      allocate protected time, each SENCO logs the term so far, and Harbour's SEN administrator the time they
#      gave its SENCO
#      (deploy/demo/DemoTime.java writes the requests); the reports then show the gap.
# Idempotent: the files are the same each time; the register import upserts by UPN, the contacts import leaves
# duplicates alone, a recorded sharing basis answers 428 without If-Match, and every other create carries an
# Idempotency-Key derived from what it creates (and is skipped when already there).
# Generated files: $SEN_STATE_DIR/demo (default deploy/.state/demo).
set -euo pipefail

KC=${OIDC_URL:-http://127.0.0.1:8180/realms/sen}
REGISTER=${REGISTER_URL:-http://127.0.0.1:8081}
NOTIFICATION=${NOTIFICATION_URL:-http://127.0.0.1:8083}
WORKLOAD=${WORKLOAD_URL:-http://127.0.0.1:8084}
# a test run as at another day (deploy/test.sh with SEN_TEST_AS_AT) writes the demo as at that day
AS_AT_DAY=${SEN_TEST_AS_AT:+${SEN_TEST_AS_AT%%T*}}
# how long to wait for notification-service to learn the register's pupils from its events
WAIT_SECONDS=${SEN_DEMO_WAIT_SECONDS:-120}

token() {
  curl -sf -d grant_type=password -d client_id=sen-cli -d "username=$1" -d password=demo \
    "$KC/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

die() { echo "[demo] $*" >&2; exit 1; }

# the first number field of that name in a JSON answer (0 if none)
field() {
  if [[ $2 =~ \"$1\":([0-9]+) ]]; then echo "${BASH_REMATCH[1]}"; else echo 0; fi
}

school() { # urn la estab name phase low high
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN" "$REGISTER/api/v1/schools/$1")
  if [[ $status == 200 ]]; then
    echo "[demo] school $1 $4: already there"
    return
  fi
  curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: demo-school-$1" \
    -d "{\"urn\":\"$1\",\"laCode\":\"$2\",\"estabNumber\":\"$3\",\"name\":\"$4\",\"phase\":\"$5\",\"lowestAge\":$6,\"highestAge\":$7}" \
    "$REGISTER/api/v1/schools" || die "could not add school $1"
  echo "[demo] school $1 $4: added"
}

ADMIN=$(token trust.admin)
[[ -n $ADMIN ]] || die "no token for trust.admin from $KC"
school 900101 801 2001 "Harbour Primary School" PRIMARY 4 11
school 900102 801 2002 "Meadow Primary School" PRIMARY 4 11
school 900103 801 4001 "Northbridge Academy" SECONDARY 11 18

DEMO_DIR=${SEN_STATE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.state}/demo
GENERATORS=$(dirname "${BASH_SOURCE[0]}")/demo
java "$GENERATORS/DemoRegister.java" "$DEMO_DIR" ${AS_AT_DAY:+"$AS_AT_DAY"}
import_register() { # urn senco
  local token report
  token=$(token "$2")
  report=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary "@$DEMO_DIR/$1.csv" \
    "$REGISTER/api/v1/imports/mis?school=$1") || die "the register import for $1 failed"
  echo "[demo] register of $1 imported by $2: $(printf '%s' "$report" | tr -d '\n' | grep -o '"rows":[0-9]*\|"created":[0-9]*\|"updated":[0-9]*\|"unchanged":[0-9]*\|"invalid":[0-9]*' | tr '\n' ' ')"
}
import_register 900101 senco.harbour
import_register 900102 senco.meadow
import_register 900103 senco.academy

# --- staff contacts: who hears of missed deadlines and exceeded allocations ---------------------------------------
staff_contacts() { # urn, then "ROLE|name|email" ...
  local urn=$1 held added=0 known=0 entry role name email
  shift
  held=$(curl -sf -H "Authorization: Bearer $ADMIN" "$NOTIFICATION/api/v1/schools/$urn/staff-contacts?size=200") \
    || die "could not read the staff contacts of $urn"
  for entry in "$@"; do
    IFS='|' read -r role name email <<<"$entry"
    if grep -q "\"email\":\"$email\"" <<<"$held"; then
      known=$((known + 1))
      continue
    fi
    curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
      -H "Idempotency-Key: demo-staff-$urn-$email" -d "{\"role\":\"$role\",\"name\":\"$name\",\"email\":\"$email\"}" \
      "$NOTIFICATION/api/v1/schools/$urn/staff-contacts" || die "could not add staff contact $email at $urn"
    added=$((added + 1))
  done
  echo "[demo] staff contacts of $urn (alerts): $added added, $known already there"
}
staff_contacts 900101 "SENCO|Harbour SENCO|senco.harbour@northbridge.example" "SLT|Harbour SLT|slt.harbour@northbridge.example"
staff_contacts 900102 "SENCO|Meadow SENCO|senco.meadow@northbridge.example" "SLT|Meadow headteacher|head.meadow@northbridge.example"
staff_contacts 900103 "SENCO|Academy SENCO|senco.academy@northbridge.example" "SLT|Academy SLT|slt.academy@northbridge.example"

# --- contacts: parents, carers and agencies of the pupils on the register ------------------------------------------
fetch_pupils() { # urn senco: the school's K and E pupils as the register answers them, for their ids
  local token provision page pages body
  token=$(token "$2")
  : >"$DEMO_DIR/pupils-$1.json"
  for provision in K E; do
    page=0
    while :; do
      body=$(curl -sf -H "Authorization: Bearer $token" \
        "$REGISTER/api/v1/pupils?school=$1&provision=$provision&size=200&page=$page") || die "could not list the pupils of $1"
      printf '%s\n' "$body" >>"$DEMO_DIR/pupils-$1.json"
      pages=$(field totalPages "$body")
      page=$((page + 1))
      ((page < pages)) || break
    done
  done
}
fetch_pupils 900101 senco.harbour
fetch_pupils 900102 senco.meadow
fetch_pupils 900103 senco.academy
java "$GENERATORS/DemoContacts.java" "$DEMO_DIR" ${AS_AT_DAY:+"$AS_AT_DAY"}

# notification-service learns pupils from the register's events: rows for pupils it does not know yet are refused
# (field pupil_id) and the import is repeated until it knows them all; rows already held come back as duplicates
import_contacts() { # urn senco
  local token report rows created=0 rejected others started=$SECONDS attempts=0
  token=$(token "$2")
  while :; do
    report=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
      --data-binary "@$DEMO_DIR/contacts-$1.csv" "$NOTIFICATION/api/v1/contacts/import") \
      || die "the contacts import for $1 failed"
    attempts=$((attempts + 1))
    rows=$(field rows "$report")
    created=$((created + $(field created "$report")))
    rejected=$(field rejected "$report")
    ((rejected > 0)) || break
    others=$(printf '%s' "$report" | grep -o '"field":"[^"]*","reason":"[^"]*"' | grep -v '"field":"pupil_id"' | sort -u || true)
    [[ -z $others ]] || die "contacts of $1: $rejected rows refused: $others"
    ((SECONDS - started < WAIT_SECONDS)) \
      || die "contacts of $1: notification-service still does not know the pupils of $rejected rows after ${WAIT_SECONDS}s (are the register events consumed? see its log and GET $NOTIFICATION/api/v1/dead-letters)"
    sleep 2
  done
  local waited=""
  if ((attempts > 1)); then
    waited=" (after waiting $((SECONDS - started)) s for notification-service to know every pupil)"
  fi
  echo "[demo] contacts of $1 imported by $2: $rows rows, $created added, $((rows - created)) already there$waited"
}
record_sharing() { # urn senco: the basis for sharing with each agency contact
  local token pupil agency body status recorded=0 known=0 withdrawn=0
  token=$(token "$2")
  while IFS=$'\t' read -r -u 3 pupil agency body; do
    # without If-Match a new basis is recorded (201); one already recorded answers 428 and stays as it is
    status=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d "$body" "$NOTIFICATION/api/v1/pupils/$pupil/sharing/$agency")
    case $status in
      201) recorded=$((recorded + 1)) ;;
      428) known=$((known + 1)) ;;
      *) die "sharing basis for $agency of pupil $pupil at $1: HTTP $status" ;;
    esac
    if [[ $body != *'"withdrawnOn":null'* ]]; then
      withdrawn=$((withdrawn + 1))
    fi
  done 3<"$DEMO_DIR/sharing-$1.tsv"
  echo "[demo] sharing basis of $1's agency contacts recorded by $2: $recorded recorded, $known already there ($withdrawn with consent withdrawn)"
}
import_contacts 900101 senco.harbour
import_contacts 900102 senco.meadow
import_contacts 900103 senco.academy
record_sharing 900101 senco.harbour
record_sharing 900102 senco.meadow
record_sharing 900103 senco.academy

# --- a term of SENCO time against the protected time allocated -----------------------------------------------------
# the terms are the platform's own calendar (uk.sen.platform.time.TermCalendar), from the build
java -cp "$GENERATORS/../../platform/target/classes" "$GENERATORS/DemoTime.java" "$DEMO_DIR" ${AS_AT_DAY:+"$AS_AT_DAY"}
read -r TERM_FROM TERM_TO TERM_LABEL <"$DEMO_DIR/term.txt"
allocate() {
  local by senco urn key body token held
  while IFS=$'\t' read -r -u 3 by senco urn key body; do
    token=$(token "$by")
    held=$(curl -sf -H "Authorization: Bearer $token" "$WORKLOAD/api/v1/allocations?school=$urn&senco=$senco") \
      || die "could not read the allocations of $senco at $urn"
    if [[ $held != '[]' ]]; then
      echo "[demo] protected time of $senco at $urn: already allocated"
      continue
    fi
    curl -sf -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -H "Idempotency-Key: $key" -d "$body" "$WORKLOAD/api/v1/allocations" \
      || die "could not allocate protected time to $senco at $urn"
    echo "[demo] protected time of $senco at $urn: $(printf '%s' "$body" | grep -o '"hoursPerWeek":[0-9.]*' | cut -d: -f2) hours a week from $TERM_FROM, set by $by"
  done 3<"$DEMO_DIR/allocations.tsv"
}
log_time() { # senco urn
  local file=$DEMO_DIR/time-$1.tsv headers=$DEMO_DIR/time-$1.headers token planned held key body status added=0 replayed=0
  token=$(token "$1")
  planned=$(wc -l <"$file")
  body=$(curl -sf -H "Authorization: Bearer $token" \
    "$WORKLOAD/api/v1/time-entries?school=$2&from=$TERM_FROM&to=$TERM_TO&size=1") \
    || die "could not read the time entries of $1"
  held=$(field totalItems "$body")
  if ((held >= planned)); then
    echo "[demo] time of $1 at $2, $TERM_LABEL ($TERM_FROM to $TERM_TO): $held entries already there"
    return
  fi
  while IFS=$'\t' read -r -u 3 key body; do
    status=$(curl -s -o /dev/null -D "$headers" -w '%{http_code}' -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -H "Idempotency-Key: $key" -d "$body" "$WORKLOAD/api/v1/time-entries")
    [[ $status == 201 ]] || die "time entry $key of $1: HTTP $status"
    if grep -qi '^idempotent-replayed: *true' "$headers"; then
      replayed=$((replayed + 1))
    else
      added=$((added + 1))
    fi
  done 3<"$file"
  echo "[demo] time of $1 at $2, $TERM_LABEL ($TERM_FROM to $TERM_TO): $added entries added, $replayed already there"
}
senco_post() { # urn senco appointed onSlt qualification [expectedOn]: once (skipped when the school lists it)
  local body held key
  held=$(curl -sf -H "Authorization: Bearer $ADMIN" "$WORKLOAD/api/v1/senco-posts?school=$1") \
    || die "could not read the SENCO posts of $1"
  if [[ $held == *"\"senco\":\"$2\""* ]]; then
    echo "[demo] SENCO post of $2 at $1: already recorded"
    return
  fi
  body="{\"schoolUrn\":\"$1\",\"senco\":\"$2\",\"appointedOn\":\"$3\",\"onSlt\":$4,\"qualification\":\"$5\"${6:+,\"qualificationExpectedOn\":\"$6\"}}"
  key="demo-senco-post-$1-$2"
  curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $key" -d "$body" "$WORKLOAD/api/v1/senco-posts" || die "could not record the SENCO post of $2 at $1"
  echo "[demo] SENCO post of $2 at $1: since $3, on SLT: $4, qualification $5"
}
DAY=${AS_AT_DAY:-$(TZ=Europe/London date +%F)}
senco_post 900101 senco.harbour 2019-09-02 true NASENCO
# appointed two years and nine months ago, the NPQ in progress: three months to the limit, so an alert to SLT
senco_post 900102 senco.meadow "$(date -d "$DAY -2 years -9 months" +%F)" false IN_PROGRESS "$(date -d "$DAY +2 months" +%F)"
senco_post 900103 senco.academy "$(date -d "$DAY -1 year" +%F)" false NOT_STARTED
allocate
log_time senco.harbour 900101
log_time senco.meadow 900102
log_time senco.academy 900103
# Harbour's SEN administrator takes the annual reviews' paperwork off its SENCO (support time, shown beside theirs)
ADMIN_HARBOUR=$(token admin.harbour)
curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN_HARBOUR" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: demo-support-900101-$DAY" \
  -d "{\"schoolUrn\":\"900101\",\"senco\":\"senco.harbour\",\"date\":\"$(date -d "$DAY -1 day" +%F)\",\"minutes\":150,\"category\":\"EHCP_ANNUAL_REVIEWS\",\"note\":\"Annual review paperwork\"}" \
  "$WORKLOAD/api/v1/support-time" || die "could not log admin.harbour's support time"
echo "[demo] support time: admin.harbour gave senco.harbour 2.5 h of annual review paperwork"

# what the trust report now says, per SENCO
report=$(curl -sf -H "Authorization: Bearer $ADMIN" "$WORKLOAD/api/v1/reports/trust?period=term&date=$TERM_TO") \
  || die "could not read the trust's workload report"
# (a summary for the reader: a change in the report's shape must not fail the demo, hence "|| true")
{ printf '%s' "$report" | grep -oE '"senco":"[^"]*","schoolUrn":"[^"]*","schoolName":(null|"[^"]*"),"minutes":[0-9]*,"hours":[0-9.]*,"allocatedHours":[0-9.]*,"weeksWithAllocation":[0-9]*,"weeksOverAllocation":[0-9]*,"adminPercent":[0-9.]*,"supportHours":[0-9.]*' || true; } \
  | sed -E 's/"schoolName":null/"schoolName":""/' \
  | sed -E 's/"senco":"([^"]*)","schoolUrn":"([^"]*)","schoolName":"([^"]*)","minutes":[0-9]*,"hours":([0-9.]*),"allocatedHours":([0-9.]*),"weeksWithAllocation":([0-9]*),"weeksOverAllocation":([0-9]*),"adminPercent":([0-9.]*),"supportHours":([0-9.]*)/[demo] workload report, '"${TERM_LABEL//\//\\/}"': \1 at \2 (\3) spent \4 h against \5 h allocated, over allocation in \7 of \6 weeks, administration \8%, support from SEN administrators \9 h/' | sed 's/ () spent/ spent/'
