#!/usr/bin/env bash
# The one test command: installs what the tests need, builds everything, runs every test project.
# Usage: tests/run.sh [extra dotnet test arguments, e.g. --filter Qr]
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use as independent oracles and real peers.
packages=(zbar-tools zxing-cpp-tools zint libqrencode4 fonts-spleen mosquitto socat unifont chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "tests/run.sh: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The embedded-broker tests start their own mosquitto; the distribution's service is not needed.
if command -v systemctl >/dev/null 2>&1; then systemctl stop mosquitto >/dev/null 2>&1 || true; fi

dotnet build Devices.sln -c Release -nologo -v quiet
status=0
passed=0
failed=0
log=$(mktemp)
for project in tests/*.Tests/*.csproj; do
  echo "== $project"
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" \
    || status=1
  # The summary line reads "Passed!  - Failed:     0, Passed:   329, Skipped: ..." (or "Failed!  - ...").
  summary=$(grep -E "^(Passed|Failed)! " "$log" | tail -n 1 || true)
  if [ -z "$summary" ]; then
    grep -q "No test matches the given testcase filter" "$log" && continue # a --filter that skips this project
    status=1; echo "tests/run.sh: no test summary for $project"; continue
  fi
  passed=$((passed + $(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")))
  failed=$((failed + $(sed -E 's/.*Failed: *([0-9]+),.*/\1/' <<<"$summary")))
done
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit $status
