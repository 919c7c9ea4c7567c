#!/usr/bin/env bash
# Loads the demo trust through the public API, as its users would: the trust admin adds the schools.
# Idempotent: what exists already is left as it is.
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
