#!/bin/sh
# Install everything the tests need (Debian packages, .venv with the test extra), run them all.
# Arguments go to pytest, e.g.: sh tools/test.sh tests/services -x
# Every database test runs on SQLite and on PostgreSQL: a throwaway PostgreSQL server is started
# (it fails when it cannot; PSE_TEST_POSTGRES=0 skips PostgreSQL on a developer machine only).
. "$(dirname "$0")/_setup.sh"
. "$(dirname "$0")/_postgres.sh"
apt_install xvfb xauth x11-apps imagemagick poppler-utils fonts-dejavu-core
make_venv "[test,postgres]"
pg_start
trap pg_stop EXIT
cd "$ROOT"
status=0
start=$(date +%s)
"$VENV/bin/python" -m pytest "$@" || status=$?
echo "Test suite (SQLite and PostgreSQL): $(( $(date +%s) - start )) s"
exit $status
