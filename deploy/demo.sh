#!/usr/bin/env bash
# Loads the demo trust through the public API, as its users would: the trust admin adds the schools, each
# school's SENCO imports the register from a MIS file (deploy/demo/DemoRegister.java writes them; fictional names).
# Idempotent: the files are the same each time and the import upserts by UPN, so a rerun changes nothing.
set -euo pipefail

KC=${OIDC_URL:-http://127.0.0.1:8180/realms/sen}
REGISTER=${REGISTER_URL:-http://127.0.0.1:8081}

token() {
  curl -sf -d grant_type=password -d client_id=sen-cli -d "username=$1" -d password=demo \
    "$KC/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
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
    "$REGISTER/api/v1/schools" || { echo "[demo] could not add school $1" >&2; exit 1; }
  echo "[demo] school $1 $4: added"
}

ADMIN=$(token trust.admin)
[[ -n $ADMIN ]] || { echo "[demo] no token for trust.admin from $KC" >&2; exit 1; }
school 900101 801 2001 "Harbour Primary School" PRIMARY 4 11
school 900102 801 2002 "Meadow Primary School" PRIMARY 4 11
school 900103 801 4001 "Northbridge Academy" SECONDARY 11 18

DEMO_DIR=${SEN_STATE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.state}/demo
java "$(dirname "${BASH_SOURCE[0]}")/demo/DemoRegister.java" "$DEMO_DIR"
import_register() { # urn senco
  local token report
  token=$(token "$2")
  report=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary "@$DEMO_DIR/$1.csv" \
    "$REGISTER/api/v1/imports/mis?school=$1") || { echo "[demo] the register import for $1 failed" >&2; exit 1; }
  echo "[demo] register of $1 imported by $2: $(printf '%s' "$report" | tr -d '\n' | grep -o '"rows":[0-9]*\|"created":[0-9]*\|"updated":[0-9]*\|"unchanged":[0-9]*\|"invalid":[0-9]*' | tr '\n' ' ')"
}
import_register 900101 senco.harbour
import_register 900102 senco.meadow
import_register 900103 senco.academy
