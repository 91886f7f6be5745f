# Sourced by the scripts that run a PostgreSQL server of their own (benchmark/run.sh, cluster/cluster.sh).
# postgres_bin prints the folder of the server binaries: the machine's PostgreSQL 15, else any installed major,
# else Debian's postgresql-15, installed (needs root).
postgres_bin() {
  local bin=/usr/lib/postgresql/15/bin
  if [ ! -x "$bin/initdb" ]; then
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "No PostgreSQL server found: installing Debian's postgresql-15 (needs root)." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
    bin=/usr/lib/postgresql/15/bin
  fi
  echo "$bin"
}
