#!/usr/bin/env bash
# Bulk import benchmark (issue 7): the command side in-process on a fresh embedded PostgreSQL, publishing to
# an in-process Kafka broker (local-stack), measures in one run
#   1. the plain REST path: BENCH_REST_CASES case lifecycles (submit, accept, complete, rate) from 8 clients,
#   2. POST /api/import of a generated history file (BENCH_CASES cases, about 1,000,000 lines) and the time the
#      Kafka publisher needs to put every event on the topic,
#   3. the same file again (every line a duplicate),
#   4. a replay from the start: the publisher alone republishing every stored event (its own events/s).
#
#   bench/import/run.sh                 BENCH_SKIP_BUILD=1 reuses the last build; BENCH_JAVA_OPTS (-Xmx3g)
#   BENCH_FILE=path                     an existing import file instead of generating one
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT="$ROOT/command-side/target/bench"
mkdir -p "$OUT"
CASES=${BENCH_CASES:-263000}
FILE=${BENCH_FILE:-$OUT/history-$CASES.ndjson}

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  echo "building command-side (install, test-compile, test classpath)..." >&2
  mvn -B -q -o -pl command-side install test-compile dependency:build-classpath -DskipTests \
      -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/import-classpath.txt"
fi
if [[ ! -s "$FILE" ]]; then
  echo "generating $FILE ($CASES cases of 2025, seed 7)..." >&2
  ./import.sh generate --cases "$CASES" --seed 7 --from 2025-01-01 --to 2025-12-31 --out "$FILE" >&2
fi
CP="$ROOT/command-side/target/test-classes:$ROOT/command-side/target/classes:$(cat "$OUT/import-classpath.txt")"

echo "== machine =="
echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "git:       $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "nproc:     $(nproc)"
echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:    $(grep MemTotal /proc/meminfo | awk '{printf "%.1f GiB", $2/1048576}') total, $(grep MemAvailable /proc/meminfo | awk '{printf "%.1f GiB", $2/1048576}') available"
echo "load avg:  $(cat /proc/loadavg)"
echo

# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx3g} -cp "$CP" com.xiaoneng.command.bench.ImportBench "$FILE" \
  "${BENCH_REST_CASES:-5000}" "${BENCH_CLIENTS:-8}"
