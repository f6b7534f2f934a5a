# Shared by start.sh and test.sh: Debian packages (only those missing), a venv, the package.
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${PSE_VENV:-$ROOT/.venv}"

apt_install() {
    missing=""
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Please install:$missing" >&2
        return 0
    fi
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Debian packages:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
}

python_ok() {
    python3 -c 'import sys, tkinter, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

make_venv() {
    # $1: what to pip install, e.g. "." or ".[test]"
    if ! python_ok; then
        apt_install python3 python3-venv python3-tk
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        python3 -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install -q -e "$ROOT$1"
}
