#!/usr/bin/env bash
# Runs a command-line tool of module demo-traffic from the repository root, building demo-traffic (and the
# events module) first when their sources changed since the last build through this script:
#   demo-traffic/scripts/run-tool.sh <name for messages> <main class> [arguments ...]
# Used by simulate.sh and import.sh. JAVA_OPTS passes options to the JVM.
set -euo pipefail

name=$1 main=$2
shift 2
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null; then
    echo "$name: '$tool' is not on the PATH (needs JDK 17+ and Maven)" >&2
    exit 1
  fi
done

stamp=demo-traffic/target/.tools-built

needs_build() {
  [[ -f "$stamp" && -d demo-traffic/target/classes && -d demo-traffic/target/lib ]] || return 0
  [[ -n "$(find pom.xml events demo-traffic \( -name target -prune \) -o -type f -newer "$stamp" \
      \( -name pom.xml -o -path '*/src/main/*' \) -print -quit)" ]]
}

if needs_build; then
  echo "$name: building demo-traffic (mvn -B -q -DskipTests -pl demo-traffic -am package) ..." >&2
  mvn -B -q -DskipTests -pl demo-traffic -am package
  touch "$stamp"
fi

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -cp "demo-traffic/target/classes:demo-traffic/target/lib/*" "$main" "$@"
