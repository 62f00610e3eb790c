#!/usr/bin/env bash
# Submits the streaming job to the session cluster (docs/STREAMING.md, "On a Flink 2.2 cluster"):
# nothing when it already runs; otherwise from the newest retained checkpoint, if any. The job reads
# its settings (KAFKA_BOOTSTRAP_SERVERS, CLICKHOUSE_*, CHECKPOINT_DIR, PARALLELISM) from this
# environment and applies the ClickHouse migrations before it is submitted.
set -euo pipefail

job_name="xiaoneng case stream"
jar=/opt/flink/usrlib/streaming-job.jar
flink=/opt/flink/bin/flink

if [[ ! -f "$jar" ]]; then
  echo "submit-job: $jar is missing: build it (mvn -B -q -pl streaming -am package -DskipTests -Pcluster)" >&2
  exit 1
fi

# the jobmanager may list its taskmanagers before it takes jobs
for attempt in $(seq 1 30); do
  if running="$("$flink" list -r 2>/dev/null)"; then
    break
  fi
  [[ "$attempt" == 30 ]] && { echo "submit-job: the jobmanager does not answer" >&2; exit 1; }
  sleep 2
done

if grep -qF "$job_name" <<<"$running"; then
  echo "submit-job: '$job_name' is already running"
  exit 0
fi

restore=()
latest="$(ls -td /flink-checkpoints/*/chk-*/_metadata 2>/dev/null | head -n 1 || true)"
if [[ -n "$latest" ]]; then
  restore=(-s "$(dirname "$latest")")
  echo "submit-job: resuming from $(dirname "$latest")"
fi

exec "$flink" run -d "${restore[@]}" -c com.xiaoneng.streaming.job.StreamingMain "$jar"
