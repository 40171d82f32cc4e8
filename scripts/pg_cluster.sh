#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite and the benchmarks: a data folder, a Unix socket
# in that folder, no TCP port, trust for local connections (the roles the tests log in as need no
# passwords; a real desk uses scram or peer, README's PostgreSQL section).
#
#   scripts/pg_cluster.sh start DIR   prints the URL to export as TANDEM_TEST_POSTGRES
#   scripts/pg_cluster.sh stop DIR
#
# PostgreSQL refuses to run as root, so as root the server runs as the postgres account Debian's
# package made (and DIR is given to it).
set -euo pipefail
command=${1:?start or stop}
dir=$(realpath -m "${2:?a folder for the cluster}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg_cluster.sh: no PostgreSQL server here (apt-get install postgresql)" >&2; exit 2; }
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case $command in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        # C collation: text sorts by code point as SQLite's does; UTF-8 so pg_trgm reads Hangul as letters.
        as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start \
        -o "-k $dir -c listen_addresses='' -c max_connections=300 -c fsync=on" >/dev/null
    echo "postgresql://postgres@/postgres?host=$dir"
    ;;
stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
*)
    echo "pg_cluster.sh: start or stop" >&2; exit 2
    ;;
esac
