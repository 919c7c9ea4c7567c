#!/usr/bin/env bash
# Checks the API contract, offline once its tools are installed (deploy/test.sh runs it after the build, which
# stores each service's OpenAPI document in docs/api/):
#  1. the committed documents are the build's: the build rewrote nothing under docs/api/ (a change to an endpoint
#     without its reviewed document fails here; commit the new docs/api/*.openapi.yaml);
#  2. Spectral (npm @stoplight/spectral-cli, installed once under deploy/.state/tools/) lints the four documents with
#     its OpenAPI rules and the platform's (deploy/checks/spectral.yaml); any warning fails, as an error does;
#  3. the TypeScript client (api-clients/typescript): generated from the four documents with openapi-typescript and
#     type-checked with tsc, its example included, so a contract change that breaks a web or mobile app's calls fails;
#  4. the AsyncAPI documents of the four topics (deploy/check-asyncapi.sh).
# (The Java clients are generated and compiled by the build: the api-clients module.)
# Needs node and npm (the first run installs the tools from the npm registry). Exit code 1 on a problem.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"

SPECTRAL_VERSION=6.16.3
SERVICES=(register-service review-service notification-service workload-service)
t0=$(date +%s)

command -v node >/dev/null && command -v npm >/dev/null || die api "node and npm are needed to lint the API documents"

# npm_tool DIR PACKAGE@VERSION...: installs the packages once into DIR (a tools folder of deploy/.state)
npm_tool() {
  local dir=$1; shift
  [[ -f $dir/.installed ]] && return 0
  mkdir -p "$dir" "$LOG_DIR"
  say api "installing $* with npm into $dir (log: $LOG_DIR/install-$(basename "$dir").log)"
  (cd "$dir" && npm install --no-audit --no-fund --no-package-lock "$@") >"$LOG_DIR/install-$(basename "$dir").log" 2>&1 \
    || die api "npm install $* failed; see $LOG_DIR/install-$(basename "$dir").log"
  touch "$dir/.installed"
}

# 1. the documents are the build's and are committed
cd "$ROOT_DIR"
for service in "${SERVICES[@]}"; do
  [[ -f docs/api/$service.openapi.yaml ]] || die api "docs/api/$service.openapi.yaml is missing: build the service (./mvnw -pl platform,$service package)"
done
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  changed=$(git status --porcelain -- 'docs/api/*.yaml')
  if [[ -n $changed ]]; then
    git --no-pager diff --stat -- docs/api
    die api "the build changed the API documents (above): review them and commit docs/api/*.openapi.yaml"
  fi
fi

# 2. Spectral
spectral_dir=$STATE_DIR/tools/spectral-$SPECTRAL_VERSION
npm_tool "$spectral_dir" "@stoplight/spectral-cli@$SPECTRAL_VERSION"
docs=()
for service in "${SERVICES[@]}"; do docs+=("docs/api/$service.openapi.yaml"); done
if ! "$spectral_dir/node_modules/.bin/spectral" lint --quiet -r "$DEPLOY_DIR/checks/spectral.yaml" --fail-severity warn \
    -f text "${docs[@]}"; then
  die api "Spectral found problems in the OpenAPI documents (above)"
fi
say api "Spectral: 0 errors, 0 warnings in ${#docs[@]} OpenAPI documents"

# 3. the TypeScript client
ts_dir=$ROOT_DIR/api-clients/typescript
if [[ ! -f $ts_dir/node_modules/.installed ]] || [[ $ts_dir/package.json -nt $ts_dir/node_modules/.installed ]]; then
  mkdir -p "$LOG_DIR"
  say api "installing the TypeScript client's tools with npm (log: $LOG_DIR/install-ts-client.log)"
  (cd "$ts_dir" && npm install --no-audit --no-fund --no-package-lock) >"$LOG_DIR/install-ts-client.log" 2>&1 \
    || die api "npm install in api-clients/typescript failed; see $LOG_DIR/install-ts-client.log"
  touch "$ts_dir/node_modules/.installed"
fi
(cd "$ts_dir" && npm run --silent generate >"$LOG_DIR/ts-client-generate.log" 2>&1) \
  || { cat "$LOG_DIR/ts-client-generate.log"; die api "openapi-typescript could not generate the TypeScript client"; }
(cd "$ts_dir" && npm run --silent check) || die api "the TypeScript client does not type-check (above)"
say api "TypeScript client generated and type-checked"

# 4. AsyncAPI
if [[ -x $DEPLOY_DIR/check-asyncapi.sh ]]; then
  "$DEPLOY_DIR/check-asyncapi.sh"
fi
say api "API contract checked in $(( $(date +%s) - t0 )) s"
