#!/usr/bin/env bash
# Bulk import of case history (com.xiaoneng.localstack.importer.ImportCli):
#   ./import.sh generate --cases 200000 --seed 7 --from 2025-01-01 --to 2025-12-31 --out history.ndjson
#   ./import.sh run --url http://127.0.0.1:8080 --user admin --password admin-pass history.ndjson
# ./import.sh --help lists the options. Builds local-stack (and the events module) first when their
# sources changed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null; then
    echo "import.sh: '$tool' is not on the PATH (needs JDK 17+ and Maven)" >&2
    exit 1
  fi
done

stamp=local-stack/target/.import-built

needs_build() {
  [[ -f "$stamp" && -d local-stack/target/classes && -d local-stack/target/lib ]] || return 0
  [[ -n "$(find pom.xml events local-stack \( -name target -prune \) -o -type f -newer "$stamp" \
      \( -name pom.xml -o -path '*/src/main/*' \) -print -quit)" ]]
}

if needs_build; then
  echo "import.sh: building local-stack (mvn -B -q -DskipTests -pl local-stack -am package) ..." >&2
  mvn -B -q -DskipTests -pl local-stack -am package
  touch "$stamp"
fi

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -cp "local-stack/target/classes:local-stack/target/lib/*" \
  com.xiaoneng.localstack.importer.ImportCli "$@"
