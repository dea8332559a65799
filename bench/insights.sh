#!/usr/bin/env bash
# The insights benchmark on both backends in one command: `insights` on SQLite, then on a throwaway PostgreSQL (with
# pgvector) on loopback, which is stopped and deleted afterwards. Needs what ./test.sh installs
# (scripts/install-test-deps.sh).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
bin=/usr/lib/postgresql/15/bin
[[ -x $bin/initdb && -f /usr/share/postgresql/15/extension/vector.control ]] ||
  { echo "PostgreSQL 15 with pgvector is needed: run scripts/install-test-deps.sh first." >&2; exit 1; }

work="$(mktemp -d /tmp/parley-bench-XXXXXX)"
as_postgres=()
if [[ $(id -u) == 0 ]]; then chown postgres:postgres "$work"; as_postgres=(runuser -u postgres --); fi
pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

stop() {
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

"${as_postgres[@]}" "$bin/initdb" -D "$work/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null
# Durability off, as on a benchmark box (it speeds up storing the 200,000 messages, not the reads measured).
"${as_postgres[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -o \
  "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB" \
  start >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE insights" postgres

dotnet build -c Release "$here/Parley.Bench" >/dev/null
run() { dotnet run -c Release --no-build --project "$here/Parley.Bench" -- "$@"; }
run insights
run insights --postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=insights;Maximum Pool Size=100"
