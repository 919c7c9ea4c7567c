#!/bin/sh
# Creates one role and database per service from deploy/postgres/databases.txt (password = role name, local use).
set -e
grep -v '^#' /databases.txt | while read -r role db _; do
  [ -n "$role" ] || continue
  psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -c "CREATE ROLE $role LOGIN PASSWORD '$role'" -c "CREATE DATABASE $db OWNER $role"
done
