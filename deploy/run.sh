#!/usr/bin/env bash
# The run command: infrastructure, the four services and the demo trust, then where everything is.
# Safe to rerun: running pieces are left alone and the demo data is loaded only once.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

"$DEPLOY_DIR/infra.sh" up
"$DEPLOY_DIR/services.sh" up
"$DEPLOY_DIR/demo.sh"

cat <<'EOF2'

SEN platform is running.
  register-service      http://127.0.0.1:8081/q/swagger-ui
  review-service        http://127.0.0.1:8082/q/swagger-ui
  notification-service  http://127.0.0.1:8083/q/swagger-ui
  workload-service      http://127.0.0.1:8084/q/swagger-ui
  Keycloak              http://127.0.0.1:8180/admin  (admin/admin; realm "sen"; demo users in README.md, password "demo")
  Mailbox (GreenMail)   http://127.0.0.1:8025/api/user  (SMTP 127.0.0.1:3025)

Try it:
  TOKEN=$(curl -s -d grant_type=password -d client_id=sen-cli -d username=senco.harbour -d password=demo \
    http://127.0.0.1:8180/realms/sen/protocol/openid-connect/token | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  curl -s -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8081/api/v1/pupils

Stop everything: deploy/stop.sh
EOF2
