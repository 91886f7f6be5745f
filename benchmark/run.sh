#!/usr/bin/env bash
# Taskledger's benchmark in one command (see docs/benchmarks.md):
#   ./benchmark/run.sh [--seconds=8] [--connections=1,16,256,1000] [--scenarios=ceiling,commands,queries,mixed,rebuild,coldstart] ...
#   ./benchmark/run.sh --scenarios=scaleout [--scaleout-connections=64]   (1, 2, 3 nodes behind HAProxy; not by default)
# Builds the server jar and the load generator, starts a private throwaway PostgreSQL 15 on a free loopback port,
# runs every scenario against the packaged server, prints one table (also in benchmark/target/run/results.md) and
# stops everything it started. Set SKIP_BUILD=1 to reuse infra/target/taskledger/ (the extracted jar and its class-data
# archive, launched as the README says); MVN overrides the Maven command.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-./mvnw}
WORK=benchmark/target/run

# --- PostgreSQL server binaries: the machine's PostgreSQL 15, else any installed major, else install Debian's ---
source scripts/postgres-bin.sh
PG_BIN=$(postgres_bin)

# --- the scale-out scenario's load balancer: Debian's haproxy, as cluster/cluster.sh uses ---
if [[ " $* " == *scaleout* ]] && ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then
  echo "Installing Debian's haproxy for the scale-out scenario (needs root)." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
fi

# --- build ---
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f infra/target/taskledger/taskledger.jar ]; then
  $MVN -q -B -DskipTests package
fi
$MVN -q -B -f benchmark/pom.xml package
CLASSPATH="benchmark/target/classes:$(cat benchmark/target/classpath.txt)"

# --- a private PostgreSQL for this run only, in a temporary directory, on a free loopback port ---
PG_DIR=$(mktemp -d /tmp/taskledger-bench-pg.XXXXXX)
AS_PG=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$PG_DIR"   # PostgreSQL refuses to run as root
  AS_PG=(runuser -u postgres --)
fi
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
stop_postgres() {
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_postgres EXIT
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
# Stock durability (fsync, synchronous_commit on): the same settings a production PostgreSQL runs with. Only the
# connection limit is raised, for the reference's connections next to the server's pool.
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -o \
  "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
"$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 'create database taskledger'
PG_PID=$(head -n 1 "$PG_DIR/data/postmaster.pid")
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (pid $PG_PID), data in $PG_DIR" >&2

mkdir -p "$WORK"
# The whole run stops by itself: every phase is bounded, and this is the last resort (longer for the scale-out
# scenario, which starts and warms up three servers).
LIMIT=900
if [[ " $* " == *scaleout* ]]; then LIMIT=1800; fi
# The client forgets idle connections after 10 s, before the server closes them (Tomcat: 20 s idle); the JDK's
# default keeps them 20 minutes and reused connections the server had just closed: "header parser received no bytes"
# errors at 1000 connections, after the pauses between points.
timeout --kill-after=30 "$LIMIT" java -Djdk.httpclient.keepalive.timeout=10 -cp "$CLASSPATH" io.taskledger.benchmark.Benchmark \
  --jar=infra/target/taskledger/taskledger.jar --work-dir="$WORK" \
  --jdbc-url="jdbc:postgresql://127.0.0.1:$PG_PORT/taskledger" --db-user=postgres --postgres-pid="$PG_PID" "$@"
