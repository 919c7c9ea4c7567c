#!/usr/bin/env bash
# Stops the four services and the infrastructure that deploy/run.sh started; leaves no process behind.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$DEPLOY_DIR/services.sh" down
"$DEPLOY_DIR/infra.sh" down
