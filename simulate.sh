#!/usr/bin/env bash
# Simulated case traffic against the command side (com.xiaoneng.demo.simulator.CaseSimulator):
#   ./simulate.sh backfill --from 2025-01-01 --to 2025-12-31 --cases-per-day 200
#   ./simulate.sh live --rate 10
# ./simulate.sh --help lists the options. COMMAND_URL (default http://127.0.0.1:8080) picks the command
# side; SIMULATOR_USER/_PASSWORD and SIMULATOR_ADMIN_USER/_PASSWORD its credentials.
set -euo pipefail
# builds local-stack (and events) first when their sources changed
exec "$(dirname "${BASH_SOURCE[0]}")/demo-traffic/scripts/run-tool.sh" simulate.sh com.xiaoneng.demo.simulator.CaseSimulator "$@"
