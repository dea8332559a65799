#!/usr/bin/env bash
# Installs what the test suite needs and the machine may lack: Debian packages only, each once.
# PostgreSQL and Redis are started by the tests themselves (throwaway, on loopback); pgvector is not
# packaged for Debian 12, so it is built from Debian trixie's source package against PostgreSQL 15.
set -euo pipefail

# chromium (Debian's own build) is what the Playwright browser tests drive; they never download a browser.
packages=(curl python3 python3-requests nodejs postgresql-15 postgresql-server-dev-15 redis-server gcc make dpkg-dev
          chromium fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# Node may come from outside Debian (the image ships one); any node >= 18 with fetch will do.
if command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# pgvector: built once per machine from Debian's own source package (no third-party download).
pg_config=/usr/lib/postgresql/15/bin/pg_config
if [ ! -f "$("$pg_config" --sharedir)/extension/vector.control" ]; then
  echo "Building pgvector from Debian trixie's source package"
  work=$(mktemp -d) && chmod 755 "$work"
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/lists" "$work/apt"
  echo "deb-src http://deb.debian.org/debian trixie main" > "$work/apt/sources.list"
  apt_options=(-o "Dir::Etc::sourcelist=$work/apt/sources.list" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$work/lists"
               -o "APT::Get::List-Cleanup=0")
  apt-get "${apt_options[@]}" update -qq
  (cd "$work" && apt-get "${apt_options[@]}" source -qq --download-only pgvector >/dev/null && dpkg-source -x --no-check pgvector_*.dsc src >/dev/null)
  make -s -C "$work/src" PG_CONFIG="$pg_config" with_llvm=no >/dev/null
  make -s -C "$work/src" PG_CONFIG="$pg_config" with_llvm=no install >/dev/null
fi
