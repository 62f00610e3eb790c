#!/usr/bin/env bash
# Insert throughput (JDBC driver -> chDB HTTP endpoint vs chDB in-process) and GROUP BY latency.
# Usage: bench/chdb/run.sh [insert rows, default 1000000] [group-by rows, default 10000000]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lib="$("$root/clickhouse-chdb/scripts/fetch-chdb.sh" | tail -n 1)"
cd "$root"

mvn -B -q -pl clickhouse-chdb -am test-compile
classpath_file="$root/clickhouse-chdb/target/chdb-bench.classpath"
mvn -B -q -pl clickhouse-chdb dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

java_home="$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.home/ {print $2}')"

echo "== machine =="
echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
echo "java: $("$java_home/bin/java" -version 2>&1 | head -n 1)"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

# the in-process engine needs the JVM's signal chaining, like the endpoint process
LD_PRELOAD="$java_home/lib/server/libjsig.so" CHDB_LIB="$lib" \
  "$java_home/bin/java" -Xmx2g \
  -cp "$root/clickhouse-chdb/target/test-classes:$root/clickhouse-chdb/target/classes:$(cat "$classpath_file")" \
  com.xiaoneng.chdb.ChdbBench "$@"
