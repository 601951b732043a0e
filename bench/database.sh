#!/usr/bin/env bash
# Sourced by the scripts that need the large benchmark database (load.sh, queues.sh): where it lives, and
# a PostgreSQL server over a data folder that outlives the run (started here, stopped when the script ends).
# The folder is $SERVICEDESK_BENCH_DATA, by default servicedesk-bench under the temporary folder; a
# million tickets take about 1.5 GB on SQLite and 2 GB on PostgreSQL.
BENCH_DATA="${SERVICEDESK_BENCH_DATA:-${TMPDIR:-/tmp}/servicedesk-bench}"
mkdir -p "$BENCH_DATA"

# bench_database PROVIDER COUNT: sets BENCH_CONNECTION to the database for COUNT tickets, starting
# PostgreSQL (as the 'postgres' user under root, as the tests do) if that is the provider.
bench_database() {
  local provider="$1" count="$2"
  case "$provider" in
    sqlite)
      BENCH_CONNECTION="Data Source=$BENCH_DATA/servicedesk-$count.db"
      ;;
    postgresql)
      local bin run=()
      bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
      [ -x "$bin/pg_ctl" ] || { echo "PostgreSQL is not installed (Debian package 'postgresql')." >&2; exit 2; }
      local pgdata="$BENCH_DATA/postgresql"
      if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$BENCH_DATA"; chmod 755 "$BENCH_DATA"; run=(runuser -u postgres --); fi
      [ -f "$pgdata/PG_VERSION" ] || "${run[@]}" "$bin/initdb" -D "$pgdata" -A trust -U postgres --no-sync -E UTF8 >/dev/null
      BENCH_PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
      # The settings a server of a few GB of memory would have; fsync off as in the tests (a throwaway server).
      "${run[@]}" "$bin/pg_ctl" -D "$pgdata" -l "$BENCH_DATA/postgresql.log" -w -t 120 \
        -o "-k $BENCH_DATA -p $BENCH_PG_PORT -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=1GB -c work_mem=16MB -c maintenance_work_mem=512MB -c max_wal_size=4GB" start >/dev/null
      trap "${run[*]} $bin/pg_ctl -D $pgdata -m fast -w stop >/dev/null" EXIT
      BENCH_CONNECTION="Host=127.0.0.1;Port=$BENCH_PG_PORT;Username=postgres;Database=servicedesk_$count"
      ;;
    *) echo "Provider must be sqlite or postgresql, not '$provider'." >&2; exit 2 ;;
  esac
}
