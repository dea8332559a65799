#!/usr/bin/env bash
# The scale-out benchmarks in one command: starts a throwaway PostgreSQL (with pgvector) and Redis on loopback,
# runs `retrieval` (in-memory indexes beside PostgreSQL's GIN and HNSW search) and `backends` (chat turns/s on
# SQLite and on PostgreSQL + Redis with one and two replicas), then stops both and deletes their data.
# Needs what ./test.sh installs (scripts/install-test-deps.sh). Extra arguments go to `backends`.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
bin=/usr/lib/postgresql/15/bin
[[ -x $bin/initdb && -f /usr/share/postgresql/15/extension/vector.control && -x /usr/bin/redis-server ]] ||
  { echo "PostgreSQL 15 with pgvector and redis-server are needed: run scripts/install-test-deps.sh first." >&2; exit 1; }

work="$(mktemp -d /tmp/parley-bench-XXXXXX)"
as_postgres=()
if [[ $(id -u) == 0 ]]; then chown postgres:postgres "$work"; as_postgres=(runuser -u postgres --); fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port="$(free_port)"
redis_port="$(free_port)"

stop() {
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
  [[ -n ${redis_pid:-} ]] && kill "$redis_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

"${as_postgres[@]}" "$bin/initdb" -D "$work/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null
# Durability off, as on a benchmark box; memory for the index builds, as a deployment would configure.
"${as_postgres[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -o \
  "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=256MB -c maintenance_work_mem=512MB" \
  start >/dev/null
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$work" >/dev/null &
redis_pid=$!

for db in retrieval backends; do
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE $db" postgres
done
connection() { echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$1;Maximum Pool Size=100"; }

dotnet build -c Release "$here/Parley.Bench" >/dev/null
run() { dotnet run -c Release --no-build --project "$here/Parley.Bench" -- "$@"; }
run retrieval --postgres "$(connection retrieval)"
run backends --postgres "$(connection backends)" --redis "127.0.0.1:$redis_port" "$@"
