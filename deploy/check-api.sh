#!/usr/bin/env bash
# Checks the API contract, offline once its tools are installed (deploy/test.sh runs it after the build, which
# stores each service's OpenAPI document in docs/api/):
#  1. the committed documents are the build's: the build rewrote nothing under docs/api/ (a change to an endpoint
#     without its reviewed document fails here; commit the new docs/api/*.openapi.yaml);
#  2. Spectral (npm @stoplight/spectral-cli, installed once under deploy/.state/tools/) lints the four documents with
#     its OpenAPI rules and the platform's (deploy/checks/spectral.yaml); any warning fails, as an error does;
#  3. the AsyncAPI documents of the four topics (deploy/check-asyncapi.sh).
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

# 3. AsyncAPI
if [[ -x $DEPLOY_DIR/check-asyncapi.sh ]]; then
  "$DEPLOY_DIR/check-asyncapi.sh"
fi
say api "API contract checked in $(( $(date +%s) - t0 )) s"
