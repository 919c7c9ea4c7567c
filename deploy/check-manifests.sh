#!/usr/bin/env bash
# Checks the deployment files, offline, in a few seconds (deploy/test.sh runs it before the build):
#  1. renders deploy/k8s with `kubectl kustomize`, the Secret made from secrets.env.example (a copy in a temporary
#     directory, so it renders on a fresh clone and never reads the real secrets.env);
#  2. validates every rendered object against the Kubernetes JSON schemas of the npm package kubernetes-models
#     (installed once under deploy/.state/tools/ with npm);
#  3. holds the objects to the production rules (deploy/checks/check_manifests.py): known kinds, security context
#     (non-root uid of the image, read-only root file system with an emptyDir /tmp, no privilege escalation, no
#     capabilities, RuntimeDefault seccomp), no service account token, probes and Prometheus scraping on the
#     management port, resources, replicas with a PodDisruptionBudget and a spread over nodes, a preStop sleep and a
#     grace period that covers the shutdown, every env reference resolving, and every setting the services read from
#     the environment wired; the same settings, non-root, read_only and /tmp in deploy/compose/compose.yaml;
#  4. fails if a file under deploy/ that git tracks or would add holds a secret value: a Secret with data, or a
#     password/secret/API key/token with a literal value other than the local demo defaults listed, with reasons, in
#     deploy/checks/secret-exceptions.txt; if deploy/k8s/secrets.env exists, its key names must cover the example's.
# Without kubectl, steps 1 to 3 are skipped (said so); without node and npm, step 2. Needs python3 with PyYAML
# (Debian's python3-yaml, installed with apt-get when missing). Prints a one-line summary; exit code 1 on a problem.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"

MODELS_VERSION=5.1.0   # npm kubernetes-models: the schemas of the Kubernetes 1.34 API
MODELS_DIR=$STATE_DIR/tools/kubernetes-models-$MODELS_VERSION
t0=$(date +%s)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
parts=()
problems=0

# count_problems CHECKER: shows the checker's lines ($out) but its summary, adds its FAIL lines to $problems; a checker
# that exits non-zero without a FAIL line, or says no summary, has broken down, and so does this.
count_problems() {
  local fails
  grep -v '^SUMMARY: ' <<<"$out" || true
  fails=$(grep -c '^  FAIL' <<<"$out" || true)
  if { (( rc )) && (( fails == 0 )); } || ! grep -q '^SUMMARY: ' <<<"$out"; then
    die manifests "$1 broke down (exit code $rc, output above)"
  fi
  problems=$(( problems + fails ))
}

# python3 that has PyYAML: the one on PATH, else Debian's (with python3-yaml installed when missing).
python=
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import yaml' 2>/dev/null; then python=$p; break; fi
done
if [[ -z $python ]]; then
  mkdir -p "$LOG_DIR"
  say manifests "no python3 with PyYAML: installing python3-yaml with apt-get (log: $LOG_DIR/install-python3-yaml.log)"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-yaml; } \
    >"$LOG_DIR/install-python3-yaml.log" 2>&1 </dev/null || die manifests "apt-get install python3-yaml failed; see $LOG_DIR/install-python3-yaml.log"
  python=/usr/bin/python3
fi

# 1. render
rendered=()
if command -v kubectl >/dev/null; then
  [[ -f $DEPLOY_DIR/k8s/secrets.env.example ]] || die manifests "deploy/k8s/secrets.env.example is missing (the Secret's keys)"
  mkdir "$tmp/k8s"
  for f in "$DEPLOY_DIR"/k8s/*; do
    [[ ${f##*/} == secrets.env ]] || cp -R "$f" "$tmp/k8s/"   # the real secrets stay where they are
  done
  cp "$DEPLOY_DIR/k8s/secrets.env.example" "$tmp/k8s/secrets.env"
  if ! kubectl kustomize "$tmp/k8s" >"$tmp/rendered.yaml" 2>"$tmp/kustomize.err"; then
    sed 's/^/    | /' "$tmp/kustomize.err" >&2
    die manifests "kubectl kustomize deploy/k8s failed (above)"
  fi
  rendered=(--rendered "$tmp/rendered.yaml" --json-out "$tmp/rendered.json")
else
  say manifests "kubectl not found: deploy/k8s is NOT rendered, so its schemas and production rules are not checked" \
    "(the compose and secret checks still run)"
  parts+=("deploy/k8s not rendered (no kubectl)")
fi

# 3 and 4 (they also write the rendered objects as JSON for 2)
rc=0
out=$("$python" "$DEPLOY_DIR/checks/check_manifests.py" --root "$ROOT_DIR" "${rendered[@]}") || rc=$?
count_problems deploy/checks/check_manifests.py
policy=$(sed -n 's/^SUMMARY: //p' <<<"$out")

# 2. schemas
if (( ${#rendered[@]} )); then
  if command -v node >/dev/null && command -v npm >/dev/null; then
    if [[ ! -f $MODELS_DIR/node_modules/kubernetes-models/package.json ]]; then
      mkdir -p "$MODELS_DIR" "$LOG_DIR"
      say manifests "installing kubernetes-models $MODELS_VERSION with npm into $MODELS_DIR (log: $LOG_DIR/install-kubernetes-models.log)"
      (cd "$MODELS_DIR" && npm install --no-audit --no-fund --ignore-scripts --no-package-lock \
          "kubernetes-models@$MODELS_VERSION") >"$LOG_DIR/install-kubernetes-models.log" 2>&1 </dev/null \
        || die manifests "npm install kubernetes-models failed; see $LOG_DIR/install-kubernetes-models.log"
    fi
    rc=0
    out=$(node "$DEPLOY_DIR/checks/validate-schemas.mjs" "$MODELS_DIR/node_modules/kubernetes-models" "$tmp/rendered.json") || rc=$?
    count_problems deploy/checks/validate-schemas.mjs
    parts+=("$(sed -n 's/^SUMMARY: //p' <<<"$out")")
  else
    say manifests "node/npm not found: the rendered objects are NOT validated against the Kubernetes schemas"
    parts+=("schemas not validated (no node)")
  fi
fi
if (( ${#rendered[@]} )); then
  parts=("${policy%%; *}" "${parts[@]}" "${policy#*; }")   # the rendered objects' rules next to their schemas
else
  parts+=("$policy")
fi

summary=$(printf '%s; ' "${parts[@]}")
summary=${summary%; }
if (( problems )); then
  die manifests "$problems problem(s), listed above: $summary"
fi
say manifests "OK in $(elapsed "$t0") s: $summary"
