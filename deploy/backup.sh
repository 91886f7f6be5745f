#!/usr/bin/env bash
# Backup and restore of a Taskledger database (runbook: docs/deployment.md, "Backup and restore").
#
#   deploy/backup.sh backup  FILE    pg_dump of the whole database (custom format): one consistent snapshot of the
#                                    event store, snapshots, accounts, keys, deadlines, and the read models with the
#                                    tokens that say how far they got
#   deploy/backup.sh restore FILE    pg_restore into an EMPTY database (refuses a database that has tables)
#   deploy/backup.sh rebuild         after the server started on the restored database: rebuilds every read model from
#                                    the events and verifies every project's hash chain, through the server's API
#
# The database is named by libpq's variables: PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD (or ~/.pgpass).
# pg_dump/pg_restore must be at least the server's major version (Debian: postgresql-client-NN).
# rebuild needs TASKLEDGER_URL (default http://127.0.0.1:8000) and an ADMIN account: TASKLEDGER_ADMIN_USER (default
# admin) and TASKLEDGER_ADMIN_PASSWORD.
set -euo pipefail

log() { printf '[backup.sh] %s\n' "$*" >&2; }

backup() {
  local file="$1"
  pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="${file}.partial"
  mv "${file}.partial" "${file}"
  log "wrote ${file} ($(du -h "${file}" | cut -f1)): $(pg_restore --list "${file}" | grep -c 'TABLE DATA') tables"
}

restore() {
  local file="$1" tables
  tables=$(psql -X -qAt -c "select count(*) from pg_tables where schemaname = 'public'")
  if [[ "${tables}" != 0 ]]; then
    log "database ${PGDATABASE:-?} has ${tables} tables: restore only into an empty database"; exit 1
  fi
  pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="${PGDATABASE:-${PGUSER:-postgres}}" \
    "${file}"
  log "restored ${file} into ${PGDATABASE:-?}; start the server on it, then: $0 rebuild"
}

api() {
  local method="$1" path="$2"
  curl -fsS -X "${method}" "${url}${path}" -H "Authorization: Bearer ${token}"
}

rebuild() {
  url="${TASKLEDGER_URL:-http://127.0.0.1:8000}"
  local user="${TASKLEDGER_ADMIN_USER:-admin}"
  : "${TASKLEDGER_ADMIN_PASSWORD:?set TASKLEDGER_ADMIN_PASSWORD (an ADMIN account of the restored database)}"
  token=$(curl -fsS -X POST "${url}/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"${user}\",\"password\":\"${TASKLEDGER_ADMIN_PASSWORD}\"}" \
    | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  local projections
  projections=$(api GET /api/v1/admin/projections | grep -o '"name":"[^"]*","mode":"[^"]*","state":"[^"]*","rebuildable":true' \
    | sed -E 's/"name":"([^"]*)".*/\1/')
  for projection in ${projections}; do
    api POST "/api/v1/admin/projections/${projection}/rebuild" >/dev/null
    log "rebuilding ${projection}"
    while api GET /api/v1/admin/projections | grep -q "\"name\":\"${projection}\",\"mode\":\"[^\"]*\",\"state\":\"REBUILDING\""; do
      sleep 1
    done
    if api GET /api/v1/admin/projections \
        | grep -q "\"name\":\"${projection}\",[^[]*\"lastRebuildFailure\":\""; then
      log "the rebuild of ${projection} failed: GET ${url}/api/v1/admin/projections"; exit 1
    fi
  done
  local broken=0
  for project in $(api GET /api/v1/projects | grep -o '"id":"[^"]*"' | cut -d'"' -f4); do
    if ! api GET "/api/v1/projects/${project}/verify" | grep -q '"intact":true'; then
      log "project ${project}: its hash chain is broken (GET /api/v1/projects/${project}/verify)"; broken=1
    fi
  done
  ((broken == 0)) || exit 1
  log "read models rebuilt (${projections//$'\n'/, }); every project's hash chain verified"
}

case "${1:-}" in
  backup) backup "${2:?backup FILE}" ;;
  restore) restore "${2:?restore FILE}" ;;
  rebuild) rebuild ;;
  *) echo "usage: $0 backup FILE | restore FILE | rebuild" >&2; exit 2 ;;
esac
