#!/usr/bin/env bash
# The fault suite (docs/reliability.md): starts a two-node cluster behind HAProxy (cluster/cluster.sh), runs each
# case under bounded command load through HAProxy, prints one JSON line of figures per case, and stops everything,
# also on failure. About 5 minutes; run before every release (it is not part of ./mvnw verify, see
# docs/reliability.md). Cases: kill-node postgres-outage poison-event restart-during-rebuild single-node-kill
# (all by default):   cluster/fault-suite.sh [CASE...]
set -euo pipefail
cd "$(dirname "$0")/.."
export CLUSTER_DIR=${CLUSTER_DIR:-/tmp/taskledger-fault-suite}
[ -f infra/target/taskledger/taskledger.jar ] || ./mvnw -q -B -DskipTests package
trap 'cluster/cluster.sh stop' EXIT
cluster/cluster.sh start 2
timeout --kill-after=30 1800 python3 cluster/fault-suite.py "$@"
