#!/usr/bin/env bash
# A Taskledger cluster on this machine, on loopback ports: one PostgreSQL, N server nodes, HAProxy in front
# (docs/deployment.md). Everything it starts lives in $CLUSTER_DIR and is stopped by `stop`.
#   cluster/cluster.sh start [N]        PostgreSQL, N nodes (default 2), HAProxy on 127.0.0.1:$LB_PORT
#   cluster/cluster.sh stop             stops HAProxy, every node and PostgreSQL, deletes $CLUSTER_DIR (logs kept
#                                       in $CLUSTER_DIR.logs)
#   cluster/cluster.sh status           what runs, and each node's /health
#   cluster/cluster.sh kill-node I      kill -9 of node I            cluster/cluster.sh start-node I
#   cluster/cluster.sh stop-postgres    pg_ctl stop -m fast          cluster/cluster.sh start-postgres
#   cluster/cluster.sh psql [ARGS]      psql on the cluster's database
#   cluster/cluster.sh haproxy-config N writes only the HAProxy configuration for N nodes into $CLUSTER_DIR
# Settings (environment): CLUSTER_DIR (/tmp/taskledger-cluster), LB_PORT (8080), NODE_BASE_PORT (8100: node I listens
# on NODE_BASE_PORT+I), PG_PORT (5499), NODE_ROLES_<I> (taskledger.node.roles of node I; default all; HAProxy sends
# reads to the nodes with the query role and the rest to those with the command role), NODE_HEAP
# (384m), TASKLEDGER_ADMIN_PASSWORD (default: a fixed one for this throwaway cluster). Builds the server jar if
# infra/target/taskledger/taskledger.jar is missing; installs Debian's haproxy and postgresql-15 if missing (root).
set -euo pipefail
cd "$(dirname "$0")/.."
CLUSTER_DIR=${CLUSTER_DIR:-/tmp/taskledger-cluster}
LB_PORT=${LB_PORT:-8080}
NODE_BASE_PORT=${NODE_BASE_PORT:-8100}
PG_PORT=${PG_PORT:-5499}
NODE_HEAP=${NODE_HEAP:-384m}
ADMIN_PASSWORD=${TASKLEDGER_ADMIN_PASSWORD:-cluster-root-passphrase-0}
JAR=infra/target/taskledger/taskledger.jar

source scripts/postgres-bin.sh

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin; bin=$(postgres_bin)
  if [ ! -d "$CLUSTER_DIR/pg/data" ]; then
    mkdir -p "$CLUSTER_DIR/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$CLUSTER_DIR/pg"
    as_postgres "$bin/initdb" -D "$CLUSTER_DIR/pg/data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  as_postgres "$bin/pg_ctl" -D "$CLUSTER_DIR/pg/data" -l "$CLUSTER_DIR/pg/postgres.log" -w -o \
    "-p $PG_PORT -k $CLUSTER_DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  "$bin/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'taskledger'" \
    | grep -q 1 || "$bin/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 'CREATE DATABASE taskledger'
}

stop_postgres() {
  local bin; bin=$(postgres_bin)
  [ -f "$CLUSTER_DIR/pg/data/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$CLUSTER_DIR/pg/data" -m fast -w stop >/dev/null || true
}

node_port() { echo $((NODE_BASE_PORT + $1)); }

start_node() {
  local i=$1 port; port=$(node_port "$1")
  local roles_var="NODE_ROLES_$i"
  (
    export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/taskledger"
    export SPRING_DATASOURCE_USERNAME=postgres SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1
    export TASKLEDGER_ADMIN_PASSWORD=$ADMIN_PASSWORD TASKLEDGER_JWT_SECRET=$(cat "$CLUSTER_DIR/jwt-secret")
    export TASKLEDGER_NODE_ROLES=${!roles_var:-command,query,projections}
    export AXONIQ_UPDATE_CHECKER_DISABLED=true
    # Behind HAProxy: the client's address (login throttles) comes from X-Forwarded-For.
    export SERVER_FORWARD_HEADERS_STRATEGY=native
    local cds=(); [ -f infra/target/taskledger/taskledger.jsa ] && cds=(-XX:SharedArchiveFile=infra/target/taskledger/taskledger.jsa)
    exec java "-Xmx$NODE_HEAP" "${cds[@]}" -jar "$JAR" >>"$CLUSTER_DIR/node-$i.log" 2>&1
  ) &
  echo $! >"$CLUSTER_DIR/node-$i.pid"
}

await_node() {
  local i=$1 port; port=$(node_port "$1")
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; then return 0; fi
    if ! kill -0 "$(cat "$CLUSTER_DIR/node-$i.pid")" 2>/dev/null; then
      echo "node $i exited; see $CLUSTER_DIR/node-$i.log" >&2; return 1
    fi
    sleep 1
  done
  echo "node $i did not become healthy within 300 s" >&2; return 1
}

# deploy/haproxy/haproxy.cfg (the compose file's), with this cluster's loopback port and nodes for its bind and server
# lines, and without Docker's DNS; the error files beside it.
write_haproxy_config() {
  local n=$1
  cp -r deploy/haproxy/errors "$CLUSTER_DIR/errors"
  awk -v port="$LB_PORT" -v nodes="$n" -v base="$NODE_BASE_PORT" '
    /^resolvers /  { skipping = 1; next }
    skipping && /^[^ ]/ { skipping = 0 }
    skipping       { next }
    /^[a-z]/       { section = $0 }
    /^ *bind /     { print "    bind 127.0.0.1:" port; next }
    /^ *server /   { if (!listed[section]++) for (i = 1; i <= nodes; i++) printf "    server node%d 127.0.0.1:%d check\n", i, base + i; next }
    { sub(/ resolvers docker init-addr [^ ]*/, ""); print }
  ' deploy/haproxy/haproxy.cfg >"$CLUSTER_DIR/haproxy.cfg"
}

start_haproxy() {
  if ! command -v haproxy >/dev/null; then
    echo "Installing Debian's haproxy (needs root)." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
  fi
  haproxy -f "$CLUSTER_DIR/haproxy.cfg" -D -p "$CLUSTER_DIR/haproxy.pid"
}

stop_pid_file() {
  local file=$1
  [ -f "$file" ] || return 0
  local pid; pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

case "${1:-}" in
  start)
    n=${2:-2}
    if [ -d "$CLUSTER_DIR" ]; then echo "$CLUSTER_DIR exists: stop the running cluster first" >&2; exit 1; fi
    [ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
    mkdir -p "$CLUSTER_DIR"
    echo "$n" >"$CLUSTER_DIR/nodes"
    # Every node must sign and verify tokens with the same key.
    head -c 32 /dev/urandom | base64 >"$CLUSTER_DIR/jwt-secret"
    start_postgres
    # The first node migrates the schema and opens the admin account; the others start once it is up.
    start_node 1
    await_node 1
    for i in $(seq 2 "$n"); do start_node "$i"; done
    for i in $(seq 2 "$n"); do await_node "$i"; done
    write_haproxy_config "$n"
    start_haproxy
    echo "Taskledger cluster: http://127.0.0.1:$LB_PORT ($n nodes on ports $(node_port 1)..$(node_port "$n"), PostgreSQL on $PG_PORT, admin password '$ADMIN_PASSWORD')"
    ;;
  stop)
    stop_pid_file "$CLUSTER_DIR/haproxy.pid"
    for file in "$CLUSTER_DIR"/node-*.pid; do [ -e "$file" ] && stop_pid_file "$file"; done
    stop_postgres
    # The logs outlive the cluster, for a look after a failed run.
    rm -rf "$CLUSTER_DIR.logs" && mkdir -p "$CLUSTER_DIR.logs"
    cp "$CLUSTER_DIR"/*.log "$CLUSTER_DIR"/pg/postgres.log "$CLUSTER_DIR.logs/" 2>/dev/null || true
    rm -rf "$CLUSTER_DIR"
    ;;
  status)
    n=$(cat "$CLUSTER_DIR/nodes")
    for i in $(seq 1 "$n"); do
      echo "node $i (port $(node_port "$i")): $(curl -s -m 2 "http://127.0.0.1:$(node_port "$i")/health" || echo down)"
    done
    echo "haproxy: $(curl -s -m 2 "http://127.0.0.1:$LB_PORT/health" || echo down)"
    ;;
  kill-node) kill -9 "$(cat "$CLUSTER_DIR/node-$2.pid")" ;;
  start-node) start_node "$2"; await_node "$2" ;;
  node-pid) cat "$CLUSTER_DIR/node-$2.pid" ;;
  haproxy-config) mkdir -p "$CLUSTER_DIR" && write_haproxy_config "${2:-2}" && echo "$CLUSTER_DIR/haproxy.cfg" ;;
  stop-postgres) stop_postgres ;;
  start-postgres) start_postgres ;;
  psql) shift; "$(postgres_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d taskledger "$@" ;;
  *) sed -n '2,17p' "$0"; exit 2 ;;
esac
