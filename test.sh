#!/usr/bin/env bash
# Runs every module's tests on a fresh machine: fetches the chDB library (npm, cached in .cache/),
# then builds and tests with Maven. Needs JDK 17, Maven and npm.
set -euo pipefail
cd "$(dirname "$0")"
bash local-stack/scripts/fetch-chdb.sh >/dev/null
mvn -B -ntp install "$@"
