#!/usr/bin/env bash
# Runs the whole Xiaoneng stack on this machine with one command: builds what is missing, fetches
# the chDB engine, then starts embedded PostgreSQL, Kafka and the ClickHouse endpoint plus every
# application already built (com.xiaoneng.localstack.LocalStack) until Ctrl-C. Data stays in
# DATA_DIR (./data) for the next start. Settings are environment variables, e.g.
#   KAFKA_PORT=19092 DATA_DIR=/tmp/xn ./run-local.sh
# (see the README for the list). Everything listens on 127.0.0.1 unless BIND_ADDRESS says otherwise (warned
# about); the generated passwords are kept in DATA_DIR/*.password. Needs only JDK 17+, Maven and npm.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null; then
    echo "run-local.sh: '$tool' is not on the PATH (needs JDK 17+ and Maven)" >&2
    exit 1
  fi
done

stamp=local-stack/target/.run-local-built

# Sources or poms changed since the last build here (or never built): build again.
needs_build() {
  [[ -f "$stamp" && -d local-stack/target/classes && -d local-stack/target/lib ]] || return 0
  [[ -n "$(find . \( -name .git -o -name target -o -name node_modules -o -name .cache -o -path ./data \) -prune \
      -o -type f -newer "$stamp" \( -name pom.xml -o -path '*/src/main/*' \) -print -quit)" ]]
}

if needs_build; then
  echo "run-local.sh: building (mvn -B -q -DskipTests package) ..."
  if mvn -B -q -DskipTests package; then
    touch "$stamp"
  else
    # an app that does not build yet must not keep the services from running
    echo "run-local.sh: the full build failed; building local-stack alone, apps without a jar are skipped" >&2
    mvn -B -q -DskipTests -pl local-stack -am package
  fi
fi

skip=",${SKIP:-},"
if [[ -z "${CLICKHOUSE_URL:-}" && "$skip" != *",clickhouse,"* && -z "${CHDB_LIB:-}" ]]; then
  if ! CHDB_LIB="$(clickhouse-chdb/scripts/fetch-chdb.sh | tail -n 1)"; then
    echo "run-local.sh: could not fetch chDB; set CLICKHOUSE_URL to use another ClickHouse, or SKIP=clickhouse" >&2
    exit 1
  fi
  export CHDB_LIB
fi

# exec: Ctrl-C reaches the launcher's JVM directly, whose shutdown hook stops everything
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -cp "local-stack/target/classes:local-stack/target/lib/*" com.xiaoneng.localstack.LocalStack
