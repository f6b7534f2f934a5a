# Used by test.sh: a throwaway PostgreSQL server for tests/db/test_postgres.py (best effort:
# without it those tests are skipped). Sets PSE_TEST_POSTGRES_URL; pg_stop stops the server.
PG_DIR=""
pg_start() {
    [ "${PSE_TEST_POSTGRES:-1}" = "0" ] && return 0
    apt_install postgresql || return 0
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [ -x "$bin/initdb" ] || return 0
    PG_DIR="$(mktemp -d /tmp/pse-pg.XXXXXX)"
    as=""
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$PG_DIR"
        as="su postgres -s /bin/sh -c"
    else
        as="sh -c"
    fi
    port=54329
    if $as "'$bin/initdb' -D '$PG_DIR/data' -A trust -U pse >/dev/null 2>&1 && \
            '$bin/pg_ctl' -D '$PG_DIR/data' -w -l '$PG_DIR/log' \
            -o \"-k '$PG_DIR' -p $port -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null && \
            '$bin/createdb' -h 127.0.0.1 -p $port -U pse pse_test"; then
        export PSE_TEST_POSTGRES_URL="postgresql://pse@127.0.0.1:$port/pse_test"
        PG_AS="$as"
        PG_BIN="$bin"
    fi
}
pg_stop() {
    [ -n "${PG_BIN:-}" ] && $PG_AS "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -m fast stop >/dev/null 2>&1" || true
}
