# Used by test.sh: a throwaway PostgreSQL server from Debian's packages, so that every database
# test runs on PostgreSQL as well as SQLite. Sets PSE_TEST_POSTGRES_URL; pg_stop stops the server.
# It FAILS when the server cannot be installed or started: the PostgreSQL half of the suite is
# never skipped silently. Only a developer may skip it, with PSE_TEST_POSTGRES=0 (not in CI).
PG_DIR=""
pg_fail() {
    echo "error: $*" >&2
    echo "The tests need a PostgreSQL server (Debian package 'postgresql'). On a developer" >&2
    echo "machine, PSE_TEST_POSTGRES=0 skips the PostgreSQL tests; CI never skips them." >&2
    [ -n "$PG_DIR" ] && [ -f "$PG_DIR/log" ] && tail -n 20 "$PG_DIR/log" >&2
    exit 3
}
pg_start() {
    if [ "${PSE_TEST_POSTGRES:-1}" = "0" ] && [ "${CI:-}" != "true" ]; then
        echo "PSE_TEST_POSTGRES=0: the PostgreSQL tests are skipped" >&2
        return 0
    fi
    if [ -n "${PSE_TEST_POSTGRES_URL:-}" ]; then
        echo "Using the PostgreSQL server of PSE_TEST_POSTGRES_URL"
        return 0
    fi
    apt_install postgresql || pg_fail "could not install the postgresql package"
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [ -x "$bin/initdb" ] || pg_fail "no initdb under /usr/lib/postgresql/*/bin"
    PG_DIR="$(mktemp -d /tmp/pse-pg.XXXXXX)"
    as=""
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$PG_DIR"
        as="su postgres -s /bin/sh -c"
    else
        as="sh -c"
    fi
    # a free port: two test runs on one machine must not meet
    port="${PSE_TEST_POSTGRES_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
    # fsync and full-page writes off: a throwaway server, speed matters more than crash safety
    $as "'$bin/initdb' -D '$PG_DIR/data' -A trust -U pse >'$PG_DIR/initdb.log' 2>&1" \
        || pg_fail "initdb failed: $(tail -n 3 "$PG_DIR/initdb.log")"
    $as "'$bin/pg_ctl' -D '$PG_DIR/data' -w -t 60 -l '$PG_DIR/log' \
            -o \"-k '$PG_DIR' -p $port -c listen_addresses=127.0.0.1 -c fsync=off \
                -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" \
            start >/dev/null" || pg_fail "the PostgreSQL server did not start on port $port"
    PG_AS="$as"
    PG_BIN="$bin"
    $as "'$bin/createdb' -h 127.0.0.1 -p $port -U pse pse_test" \
        || { pg_stop; pg_fail "createdb pse_test failed"; }
    export PSE_TEST_POSTGRES_URL="postgresql://pse@127.0.0.1:$port/pse_test"
    export PATH="$bin:$PATH"  # pg_dump and pg_restore of the same version for the backup tests
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') started for the tests on port $port"
}
pg_stop() {
    [ -n "${PG_BIN:-}" ] && $PG_AS "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -m fast stop >/dev/null 2>&1" || true
    [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
    PG_BIN=""
}
