#!/usr/bin/env bash
# A throwaway PostgreSQL server for the history tests (test/history/*), for CI.
#   scripts/postgres-test.sh start   # prints: export EXITREADY_TEST_POSTGRES_URL=postgres://exitready@127.0.0.1:<port>/postgres
#   scripts/postgres-test.sh stop
# Needs Debian's server binaries (apt-get install -y postgresql). The data directory is temporary,
# authentication is `trust` on 127.0.0.1 only, and durability is off: it is for tests only.
# Without EXITREADY_TEST_POSTGRES_URL the tests start such a server themselves.
set -euo pipefail

state="${EXITREADY_PG_STATE:-${TMPDIR:-/tmp}/exitready-pg-ci}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "No PostgreSQL server binaries under /usr/lib/postgresql; install them with: apt-get install -y postgresql" >&2
  exit 2
fi

# initdb and postgres refuse to run as root: run them as the postgres system user then.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    rm -rf "$state"
    mkdir -p "$state"
    [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$state"
    as_owner "$bin/initdb" -D "$state/data" -U exitready --auth=trust --no-sync -E UTF8 >"$state/initdb.log"
    port="${EXITREADY_PG_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
    as_owner "$bin/pg_ctl" start -w -D "$state/data" -l "$state/server.log" \
      -o "-p $port -k $state -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
    echo "export EXITREADY_TEST_POSTGRES_URL=postgres://exitready@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [[ -d "$state/data" ]]; then as_owner "$bin/pg_ctl" stop -D "$state/data" -m fast -w >/dev/null || true; fi
    rm -rf "$state"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
