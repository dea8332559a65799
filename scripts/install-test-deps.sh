#!/usr/bin/env bash
# Installs what the test suite needs and the machine may lack: Debian packages only, each once.
set -euo pipefail

# chromium (Debian's own build) is what the Playwright browser tests drive; they never download a browser.
packages=(curl python3 python3-requests nodejs chromium fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# Node may come from outside Debian (the image ships one); any node >= 18 with fetch will do.
if command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
