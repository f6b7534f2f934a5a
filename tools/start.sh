#!/bin/sh
# Install PSE Desktop in .venv (first time only takes a minute) and start it.
# Arguments go to pse-desktop, e.g.: sh tools/start.sh --db /path/to/pse.sqlite3
. "$(dirname "$0")/_setup.sh"
make_venv ""
exec "$VENV/bin/pse-desktop" "$@"
