#!/usr/bin/env bash
# Runs every module's tests on a fresh machine: installs the Debian packages the tests need when
# missing (Chromium + ChromeDriver for the workbench browser test, a CJK font for the PDF reports),
# fetches the chDB library (npm, cached in .cache/), then builds and tests with Maven.
# Needs JDK 17, Maven and npm; apt-get (as root or through sudo) on a machine without those packages.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
[[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || missing+=(fonts-wqy-microhei)
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "test.sh: installing ${missing[*]} (apt-get)" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

bash clickhouse-chdb/scripts/fetch-chdb.sh >/dev/null
mvn -B -ntp install "$@"
