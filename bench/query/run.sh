#!/usr/bin/env bash
# p50/p95 latency of the query side's metrics endpoints and the assessment report over generated cases in
# ClickHouse (chDB endpoint), each beside a hand-written query computing the same numbers; then every Grafana
# panel's SQL over the same data.
# Usage: bench/query/run.sh [cases, default 10000000] [measured rounds, default 20] [data dir]
# The generated data stays in the data dir (default query-side/target/bench-clickhouse) for later runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$root/clickhouse-chdb/scripts/fetch-chdb.sh" >/dev/null
cd "$root"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -pl query-side -am install -DskipTests
  mvn -B -q -pl query-side,dashboards test-compile
fi
classpath_file="$root/query-side/target/bench.classpath"
mvn -B -q -pl query-side dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
panels_classpath="$root/dashboards/target/bench.classpath"
mvn -B -q -pl dashboards dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$panels_classpath"

echo "== machine =="
echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
echo "java: $(java -version 2>&1 | head -n 1)"
echo "git: $(git rev-parse --short HEAD)"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

java -Xmx1g \
  -cp "$root/query-side/target/test-classes:$root/query-side/target/classes:$(cat "$classpath_file")" \
  com.xiaoneng.query.bench.MetricsBench "$@"

echo "== Grafana panels =="
java -Xmx512m -Ddashboards.provisioning="$root/dashboards/provisioning" \
  -cp "$root/dashboards/target/test-classes:$root/dashboards/target/classes:$(cat "$panels_classpath")" \
  com.xiaoneng.dashboards.PanelBench "${2:-20}" "${3:-query-side/target/bench-clickhouse}"

echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
