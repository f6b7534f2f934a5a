#!/bin/sh
# Install everything the tests need (Debian packages, .venv with the test extra), run them all.
# Arguments go to pytest, e.g.: sh tools/test.sh tests/services -x
. "$(dirname "$0")/_setup.sh"
apt_install xvfb xauth x11-apps imagemagick poppler-utils fonts-dejavu-core
make_venv "[test]"
cd "$ROOT"
exec "$VENV/bin/python" -m pytest "$@"
