#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL cluster on loopback for the test suite.
#   scripts/test-postgres.sh start   -> prints the URL of an empty database, writes .tmp/pg.env
#   scripts/test-postgres.sh stop
# As root the cluster runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
state=.tmp/pg.env
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found; run scripts/install-deps.sh" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -f "$state" ]; then
      # shellcheck disable=SC1090
      . "$state"
      if as_pg "$bin/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then echo "$SAMVERKAN_TEST_PG"; exit 0; fi
    fi
    dir=$(mktemp -d /tmp/samverkan-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    port=55432
    while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U samverkan -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U samverkan samverkan_test
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U samverkan samverkan_api
    url="postgresql://samverkan@127.0.0.1:$port/samverkan_test"
    {
      echo "PGDATA_DIR=$dir/data"
      echo "SAMVERKAN_TEST_PG=$url"
      echo "SAMVERKAN_TEST_PG_API=postgresql://samverkan@127.0.0.1:$port/samverkan_api"
    } > "$state"
    echo "$url"
    ;;
  stop)
    if [ -f "$state" ]; then
      # shellcheck disable=SC1090
      . "$state"
      as_pg "$bin/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true
      rm -rf "$(dirname "$PGDATA_DIR")" "$state"
    fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
