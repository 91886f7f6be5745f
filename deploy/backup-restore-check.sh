#!/usr/bin/env bash
# End-to-end check of the backup and restore runbook (docs/deployment.md, "Backup and restore"), run by hand:
# a throwaway PostgreSQL 15 on a free loopback port, the server on it seeded with the demo, an online backup with
# deploy/backup.sh, a restore into an empty database, the server on the restored database, rebuild and verify, and
# a comparison of what the API answers before and after. Needs the built server (./mvnw -B -DskipTests package),
# Debian's postgresql-15 (installed when missing, as root) and curl. Exits 0 only when everything matches.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${repo}/infra/target/taskledger/taskledger.jar"
pg_bin=/usr/lib/postgresql/15/bin
work="$(mktemp -d /tmp/taskledger-backup-check.XXXXXX)"
password="backup-check-root-5d2a"
pids=()

log() { printf '[backup-restore-check] %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "${pid}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do for _ in $(seq 1 60); do kill -0 "${pid}" 2>/dev/null || break; sleep 1; done; done
  [[ -d "${work}/pg" ]] && su postgres -s /bin/sh -c "${pg_bin}/pg_ctl -D '${work}/pg' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "${work}"
}
trap cleanup EXIT

[[ -f "${jar}" ]] || { log "build the server first: ./mvnw -B -DskipTests package"; exit 2; }
if [[ ! -x "${pg_bin}/initdb" ]]; then
  [[ $(id -u) -eq 0 ]] || { log "install postgresql-15 (apt-get install -y postgresql-15)"; exit 2; }
  apt-get install -y -qq postgresql-15 >/dev/null
fi

pg_port=$(free_port)
chown postgres "${work}"
su postgres -s /bin/sh -c "${pg_bin}/initdb -D '${work}/pg' -A trust -U postgres >/dev/null"
su postgres -s /bin/sh -c "${pg_bin}/pg_ctl -D '${work}/pg' -l '${work}/pg.log' -w \
  -o '-p ${pg_port} -k ${work} -c listen_addresses=127.0.0.1' start" >/dev/null
export PGHOST=127.0.0.1 PGPORT="${pg_port}" PGUSER=postgres
psql -X -q -c 'create database source' -c 'create database restored'
log "PostgreSQL 15 on 127.0.0.1:${pg_port} with databases source and restored"

start_server() {
  local database="$1" port="$2" name="$3"
  java -XX:SharedArchiveFile="${repo}/infra/target/taskledger/taskledger.jsa" -jar "${jar}" \
    --server.address=127.0.0.1 --server.port="${port}" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:${pg_port}/${database}" \
    --spring.datasource.username=postgres --spring.datasource.password= \
    --taskledger.seed=demo --taskledger.security.admin-password="${password}" >"${work}/${name}.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 180); do
    curl -fsS "http://127.0.0.1:${port}/health" >/dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -30 "${work}/${name}.log" >&2; exit 1; }
    sleep 1
  done
  log "${name} did not answer /health"; exit 1
}

stop_server() {
  kill -TERM "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'
}

token() {
  curl -fsS -X POST "http://127.0.0.1:$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"${password}\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}

# What an auditor and a user see: projects, the demo's board, the escalation inbox, the event log, the hash chain.
snapshot() {
  local port="$1" token project
  token=$(token "${port}")
  local get=(curl -fsS -H "Authorization: Bearer ${token}")
  project=$("${get[@]}" "http://127.0.0.1:${port}/api/v1/projects" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
  "${get[@]}" "http://127.0.0.1:${port}/api/v1/projects"; echo
  "${get[@]}" "http://127.0.0.1:${port}/api/v1/projects/${project}/tasks"; echo
  "${get[@]}" "http://127.0.0.1:${port}/api/v1/escalations"; echo
  "${get[@]}" "http://127.0.0.1:${port}/api/v1/projects/${project}/events?limit=1000"; echo
  "${get[@]}" "http://127.0.0.1:${port}/api/v1/projects/${project}/verify"; echo
  "${get[@]}" "http://127.0.0.1:${port}/api/v1/users"; echo
}

port=$(free_port)
start_server source "${port}" before
grep -q 'Data seeded (demo)' "${work}/before.log" || { log "the demo was not seeded"; exit 1; }
# The board follows the events asynchronously: wait until it shows the escalation the seed ends with.
for _ in $(seq 1 60); do
  snapshot "${port}" >"${work}/before.json"
  grep -q '"ESCALATED"' "${work}/before.json" && break; sleep 1
done
grep -q '"intact":true' "${work}/before.json" || { log "the source's hash chain is not intact"; exit 1; }

log "backup while the server runs"
PGDATABASE=source "${repo}/deploy/backup.sh" backup "${work}/taskledger.dump"
stop_server

log "restore into the empty database restored"
PGDATABASE=restored "${repo}/deploy/backup.sh" restore "${work}/taskledger.dump"
port=$(free_port)
start_server restored "${port}" after
grep -q 'Data already seeded (demo on' "${work}/after.log" || { log "the restored database seeded again"; exit 1; }
TASKLEDGER_URL="http://127.0.0.1:${port}" TASKLEDGER_ADMIN_PASSWORD="${password}" "${repo}/deploy/backup.sh" rebuild
snapshot "${port}" >"${work}/after.json"

if ! diff <(tr ',' '\n' <"${work}/before.json") <(tr ',' '\n' <"${work}/after.json") >"${work}/diff.txt"; then
  log "the restored server answers differently:"; head -40 "${work}/diff.txt" >&2; exit 1
fi
log "restored: the API answers the same before the backup and after restore and rebuild ($(wc -c <"${work}/before.json") bytes compared); dump $(du -h "${work}/taskledger.dump" | cut -f1)"
