#!/usr/bin/env bash
# Refreshes the Playground's copy of uPlot (the Insights chart) from npm. The built files are committed, so a
# clone builds and runs without npm; only this script needs it.
#   scripts/update-vendored-uplot.sh            re-copies the version pinned in package-lock.json (npm ci)
#   scripts/update-vendored-uplot.sh 1.6.33     pins that version first, then copies it
set -euo pipefail
cd "$(dirname "$0")/.."

vendor=src/Parley.Server/Playground/Assets/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$vendor/package.json" "$vendor/package-lock.json" "$work/"
if [ $# -gt 0 ]; then
  (cd "$work" && npm install --save-exact --no-audit --no-fund "uplot@$1")
  cp "$work/package.json" "$work/package-lock.json" "$vendor/"
else
  (cd "$work" && npm ci --no-audit --no-fund)
fi

package="$work/node_modules/uplot"
mkdir -p "$vendor/uplot"
cp "$package/dist/uPlot.iife.min.js" "$package/dist/uPlot.min.css" "$package/LICENSE" "$vendor/uplot/"
echo "Vendored uPlot $(node -p "require('$package/package.json').version") into $vendor/uplot"
