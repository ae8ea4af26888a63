#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on a loopback port.
#   tests/pg/run-server.sh start    initdb into a temporary directory, start, create the test
#                                   database; prints `export INLET_TEST_POSTGRES_URL=...` lines
#                                   (use: eval "$(tests/pg/run-server.sh start)")
#   tests/pg/run-server.sh stop     stop it and delete its directory
#   tests/pg/run-server.sh pause    stop it, keeping its data (the restart test: the database "goes away")
#   tests/pg/run-server.sh resume   start it again after pause
# Settings: INLET_PG_DIR (default /tmp/inlet-test-pg), INLET_PG_PORT (default: the first free
# port from 54329).
# The server refuses to run as root, so as root it runs as the `postgres` user
# that Debian's package creates. Progress goes to stderr, the exports to stdout.
set -euo pipefail

dir=${INLET_PG_DIR:-/tmp/inlet-test-pg}
port=${INLET_PG_PORT:-}
db=inlet_test
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "run-server: PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ctl_start() {
    # fsync off: a test server's data is thrown away; durability is not what the tests measure here
    # (commits are still synchronous, so an answered request has reached the server).
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" \
        start >&2
}

# The first port from 54329 that nothing listens on (several checkouts on one machine).
free_port() {
    local p
    for p in $(seq 54329 54399); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    echo "run-server: no free port in 54329-54399" >&2
    exit 1
}

case "${1:-}" in
start)
    [ -n "$port" ] || port=$(free_port)
    # A pid file whose process is gone (the machine restarted) is stale.
    if [ -f "$dir/data/postmaster.pid" ] && kill -0 "$(head -1 "$dir/data/postmaster.pid")" 2>/dev/null; then
        echo "run-server: a server is already running in $dir (stop it first)" >&2
        exit 1
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
    ctl_start
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db" >&2
    self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
    echo "export INLET_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$port/$db"
    echo "export INLET_TEST_POSTGRES_CTL=$self"
    echo "export INLET_PG_DIR=$dir INLET_PG_PORT=$port"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ] && kill -0 "$(head -1 "$dir/data/postmaster.pid")" 2>/dev/null; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
    fi
    rm -rf "$dir"
    ;;
pause)
    : "${port:?INLET_PG_PORT is needed (start prints it)}"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
    ;;
resume)
    : "${port:?INLET_PG_PORT is needed (start prints it)}"
    ctl_start
    ;;
*)
    echo "usage: $0 start|stop|pause|resume" >&2
    exit 2
    ;;
esac
