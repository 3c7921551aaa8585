#!/usr/bin/env bash
# Runs the care-sync benchmark: builds what is missing, then java -jar bench/target/care-sync-bench.jar.
#   bench/run.sh [--size=small|full] [--scenario=handover,drain,rebuild,footprint,scale] [--help]
# Figures go to bench/results/<date>-<size>.json and bench/results/latest.md; logs to bench/target/work/logs.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f api/target/care-sync.jar || ! -f care-simulator/target/care-simulator.jar \
      || ! -f bench/target/care-sync-bench.jar ]]; then
  mvn -B -q -DskipTests package
fi

exec java -Xmx1g -Dbench.root="$PWD" -jar bench/target/care-sync-bench.jar "$@"
