#!/usr/bin/env bash
# Runs every Parley test on a fresh Debian machine: installs what the tests need, then the whole suite.
# Under CI=true a test whose service or tool is missing fails instead of skipping.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-test-deps.sh

log=$(mktemp)
status=0
dotnet test Parley.slnx --configuration Release 2>&1 | tee "$log" || status=$?

# One plain summary line across every test project, for people and for CI.
awk '/(Passed|Failed)! +- +Failed: /{
        gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
