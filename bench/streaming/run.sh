#!/usr/bin/env bash
# Streaming pipeline benchmark (issue 4): replays BENCH_EVENTS (default 1,000,000) generated case events
# through Kafka -> Flink -> ClickHouse (the local stack's in-process broker and the chDB endpoint), inserts the same
# rows directly for the ratio (the sinks' own HTTP insert), then measures freshness at BENCH_RATE events/s (default
# 200) for BENCH_FRESH_SECONDS (default 60). BENCH_STATE_BACKEND=hashmap runs the job on the heap backend instead of
# RocksDB. Prints the figures and the machine; no timing assertions.
#   bench/streaming/run.sh            # BENCH_SKIP_BUILD=1 to reuse the last build
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  mvn -B -q -pl streaming -am install -DskipTests
  mvn -B -q -pl streaming test-compile
fi
cp_file=streaming/target/bench.classpath
mvn -B -q -pl streaming dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file" >/dev/null

echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
opens=""
for p in java.lang java.lang.reflect java.io java.net java.nio sun.nio.ch java.text java.time java.util \
         java.util.concurrent java.util.concurrent.atomic java.util.concurrent.locks; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
# shellcheck disable=SC2086
java -Xmx3g $opens -Dlog4j2.configurationFile=bench/streaming/log4j2.properties \
  -cp "streaming/target/test-classes:streaming/target/classes:$(cat "$cp_file")" \
  com.xiaoneng.streaming.bench.StreamingBench
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
