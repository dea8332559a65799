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
        gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"

# The only tests that skip: the reference document's examples, on a clone without the team's layout beside it.
if [ ! -f ../shared/seed/chat-api-docs.txt ] && [ "${CI:-}" != "true" ]; then
  echo "skipped: the examples of the reference Chat API document, which is not beside this clone" \
       "(../shared/seed/chat-api-docs.txt); docs/chat-api.md's examples ran. Under CI=true they fail instead."
fi
exit "$status"
