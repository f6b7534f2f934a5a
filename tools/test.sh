#!/bin/sh
# Install everything the tests need (Debian packages, .venv with the test extra), run them all.
# Arguments go to pytest, e.g.: sh tools/test.sh tests/services -x
# A throwaway PostgreSQL server is started for the PostgreSQL tests (PSE_TEST_POSTGRES=0: skip).
. "$(dirname "$0")/_setup.sh"
. "$(dirname "$0")/_postgres.sh"
apt_install xvfb xauth x11-apps imagemagick poppler-utils fonts-dejavu-core
make_venv "[test,postgres]"
pg_start
cd "$ROOT"
status=0
"$VENV/bin/python" -m pytest "$@" || status=$?
pg_stop
exit $status
