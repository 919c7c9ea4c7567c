#!/usr/bin/env bash
# Checks the AsyncAPI documents of the four services' topics (<service>/src/main/resources/events/asyncapi.yaml),
# offline, in a few seconds once the tools are installed:
#  1. `asyncapi validate` of the npm package @asyncapi/cli on each document (the AsyncAPI 3.0 schema, the Kafka
#     bindings, the $refs to the *.schema.json files next to it, the parser's and Spectral's rules); an error or a
#     warning fails, an information (e.g. "AsyncAPI 3.1.0 exists") does not;
#  2. the message examples against their messages' schemas (deploy/checks/check-asyncapi-examples.mjs), which
#     `asyncapi validate` does not check for AsyncAPI 3: each message has an example and a Kafka key binding, a
#     message named like a CloudEvents type fixes ce_type to that name, and each example's headers, payload (JSON
#     Schema 2020-12, formats asserted) and ce_subject (the record key) validate.
# @asyncapi/cli, with the ajv, ajv-formats and js-yaml the examples check loads, is installed once with npm under
# deploy/.state/tools/ (no install scripts run; its usage metrics and update check are switched off). Without node
# and npm nothing is checked (said so). Arguments: other asyncapi.yaml files to check instead of the four (e.g. a
# scratch copy). Prints a one-line summary; exit code 1 on a problem.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"

CLI_VERSION=6.2.0         # npm @asyncapi/cli (declares node >= 24; runs on node 20 for `validate`)
AJV_VERSION=8.20.0        # the versions the CLI itself depends on, named so the examples check finds them
AJV_FORMATS_VERSION=2.1.1
JS_YAML_VERSION=4.3.2
TOOLS_DIR=$STATE_DIR/tools/asyncapi-cli-$CLI_VERSION
t0=$(date +%s)

if (( $# )); then
  documents=()
  for f in "$@"; do
    [[ -f $f ]] || die asyncapi "no such file: $f"
    documents+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
  done
else
  documents=()
  for service in register review notification workload; do
    f=$ROOT_DIR/$service-service/src/main/resources/events/asyncapi.yaml
    [[ -f $f ]] || die asyncapi "${f#"$ROOT_DIR"/} is missing"
    documents+=("$f")
  done
fi
shown() { local f=$1; printf '%s\n' "${f#"$ROOT_DIR"/}"; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say asyncapi "node/npm not found: the ${#documents[@]} AsyncAPI documents are NOT validated and their examples NOT" \
    "checked (skipped)"
  exit 0
fi

if [[ ! -f $TOOLS_DIR/.complete ]]; then
  rm -rf "$TOOLS_DIR"
  mkdir -p "$TOOLS_DIR" "$LOG_DIR"
  say asyncapi "installing @asyncapi/cli $CLI_VERSION with npm into $TOOLS_DIR" \
    "(log: $LOG_DIR/install-asyncapi-cli.log)"
  (cd "$TOOLS_DIR" && npm install --no-audit --no-fund --ignore-scripts --no-package-lock \
      "@asyncapi/cli@$CLI_VERSION" "ajv@$AJV_VERSION" "ajv-formats@$AJV_FORMATS_VERSION" "js-yaml@$JS_YAML_VERSION") \
      >"$LOG_DIR/install-asyncapi-cli.log" 2>&1 </dev/null \
    || die asyncapi "npm install @asyncapi/cli failed; see $LOG_DIR/install-asyncapi-cli.log"
  [[ -x $TOOLS_DIR/node_modules/.bin/asyncapi ]] \
    || die asyncapi "npm installed no asyncapi command; see $LOG_DIR/install-asyncapi-cli.log"
  touch "$TOOLS_DIR/.complete"
fi

# The CLI offline and to itself: no usage metrics (it reads this file instead of ~/.asyncapi-analytics), no update
# check (a detached process fetching the registry), its oclif directories under the tools directory, and quiet
# node-config (it has no config files to find).
metrics=$TOOLS_DIR/asyncapi-analytics.json
[[ -f $metrics ]] \
  || printf '{"analyticsEnabled":"false","infoMessageShown":"true","userID":"deploy-check"}\n' >"$metrics"
cli_env=(ASYNCAPI_METRICS_CONFIG_PATH="$metrics" ASYNCAPI_SKIP_NEW_VERSION_CHECK=true
  ASYNCAPI_CACHE_DIR="$TOOLS_DIR/oclif/cache" ASYNCAPI_DATA_DIR="$TOOLS_DIR/oclif/data"
  ASYNCAPI_CONFIG_DIR="$TOOLS_DIR/oclif/config" SUPPRESS_NO_CONFIG_WARNING=1 SUPPRESS_STRICTNESS_CHECK=1
  NO_COLOR=1 FORCE_COLOR=0)

problems=0
# 1. asyncapi validate
for doc in "${documents[@]}"; do
  rc=0
  out=$(cd "$ROOT_DIR" && env "${cli_env[@]}" "$TOOLS_DIR/node_modules/.bin/asyncapi" validate \
      --fail-severity warn --diagnostics-format stylish "$doc" 2>&1 </dev/null) || rc=$?
  if (( rc == 0 )) && grep -q 'is valid' <<<"$out"; then
    continue
  fi
  printf '  FAIL  %s: asyncapi validate (exit code %s):\n' "$(shown "$doc")" "$rc"
  grep -v '^[[:space:]]*$' <<<"$out" | sed 's/^/    | /'
  problems=$(( problems + 1 ))
done
invalid=$problems
validated="$(( ${#documents[@]} - invalid )) of ${#documents[@]} documents valid"
validated+=" (@asyncapi/cli $CLI_VERSION, failing on warnings)"

# 2. the examples
rc=0
out=$(cd "$ROOT_DIR" && node "$DEPLOY_DIR/checks/check-asyncapi-examples.mjs" "$TOOLS_DIR" "${documents[@]}") || rc=$?
grep -v '^SUMMARY: ' <<<"$out" || true
fails=$(grep -c '^  FAIL' <<<"$out" || true)
if { (( rc )) && (( fails == 0 )); } || ! grep -q '^SUMMARY: ' <<<"$out"; then
  die asyncapi "deploy/checks/check-asyncapi-examples.mjs broke down (exit code $rc, output above)"
fi
problems=$(( problems + fails ))
summary="$validated; $(sed -n 's/^SUMMARY: //p' <<<"$out")"

if (( problems )); then
  die asyncapi "$problems problem(s), listed above: $summary"
fi
say asyncapi "OK in $(elapsed "$t0") s: $summary"
