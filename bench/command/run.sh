#!/usr/bin/env bash
# Command-side benchmark (issue 2 §7): N case lifecycles (submit, accept, complete, rate) over HTTP
# against the command side started in-process on a fresh embedded PostgreSQL, beside a plain JDBC
# batch insert of the same number of rows into a copy of domain_event_entry.
#
#   bench/command/run.sh [cases [clients [warmup]]]      (or BENCH_CASES / BENCH_CLIENTS / BENCH_WARMUP)
#   defaults: 20000 cases, 8 clients, 500 warm-up cases
#   BENCH_SKIP_BUILD=1 skips the Maven build; BENCH_JAVA_OPTS sets the JVM options (default -Xmx2g).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT="$ROOT/command-side/target/bench"
mkdir -p "$OUT"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  echo "building events + command-side (test-compile)..." >&2
  # one reactor build: events resolves to events/target/classes, nothing is installed into ~/.m2;
  # each module writes its classpath to its own target/bench-classpath.txt
  mvn -B -q -pl events,command-side -am test-compile dependency:build-classpath -DskipTests \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
  cp command-side/target/bench-classpath.txt "$OUT/classpath.txt"
fi
CP="$ROOT/command-side/target/test-classes:$ROOT/command-side/target/classes:$(cat "$OUT/classpath.txt")"

echo "== machine =="
echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "git:       $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "nproc:     $(nproc)"
echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:    $(grep MemTotal /proc/meminfo | awk '{printf "%.1f GiB", $2/1048576}') total, $(grep MemAvailable /proc/meminfo | awk '{printf "%.1f GiB", $2/1048576}') available"
echo "kernel:    $(uname -r)"
echo "load avg:  $(cat /proc/loadavg)"
echo "java -version:"
java -version 2>&1 | sed 's/^/  /'
echo

# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$CP" com.xiaoneng.command.bench.CommandSideBench "$@"
