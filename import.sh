#!/usr/bin/env bash
# Bulk import of case history (com.xiaoneng.demo.importer.ImportCli):
#   ./import.sh generate --cases 200000 --seed 7 --from 2025-01-01 --to 2025-12-31 --out history.ndjson
#   ./import.sh run --url http://127.0.0.1:8080 --user admin --password admin-pass history.ndjson
# ./import.sh --help lists the options.
set -euo pipefail
# builds local-stack (and events) first when their sources changed
exec "$(dirname "${BASH_SOURCE[0]}")/demo-traffic/scripts/run-tool.sh" import.sh com.xiaoneng.demo.importer.ImportCli "$@"
