#!/usr/bin/env bash
# Starts the CARE simulator (port 9090) and care-sync (port 8080) on their embedded defaults, builds them first
# when needed, and stops both on Ctrl-C. Data of care-sync stays in ~/.care-sync/data between runs.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -f api/target/care-sync.jar || ! -f care-simulator/target/care-simulator.jar ]]; then
  mvn -B -q -DskipTests package
fi

java -jar care-simulator/target/care-simulator.jar --server.port="${SIMULATOR_PORT:-9090}" &
simulator=$!
trap 'kill $simulator 2>/dev/null; wait $simulator 2>/dev/null' EXIT

# two malloc arenas instead of glibc's eight per core, and a small initial heap: memory (README, Performance)
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" java -XX:+UseSerialGC -Xms32m -jar api/target/care-sync.jar \
  --server.port="${CARE_SYNC_PORT:-8080}" \
  --care-sync.upstream.base-url="http://127.0.0.1:${SIMULATOR_PORT:-9090}" \
  --care-sync.admins=admin.kiran --care-sync.auditors=admin.kiran "$@"
