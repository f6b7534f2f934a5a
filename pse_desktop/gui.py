"""``pse-desktop-gui``: the window without a console (a gui-script: pythonw on Windows).

Without a console ``sys.stdout`` and ``sys.stderr`` are None on Windows, so anything printed would
raise: they go to the log file instead. Sharp text on Windows screens scaled above 100 % needs the
process to say it handles DPI itself, before Tk starts.
"""

from __future__ import annotations

import argparse
import sys


def _quiet_streams() -> None:
    from .views.core.app import log_path

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(log_path(), "a", encoding="utf-8"))  # noqa: SIM115


def _dpi_aware() -> None:
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return
    try:
        windll.shcore.SetProcessDpiAwareness(1)
    except (AttributeError, OSError):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pse-desktop-gui",
                                     description="Open the PSE Desktop window.")
    parser.add_argument("--db", help="database file or postgresql:// URL (default: this user's)")
    args = parser.parse_args(argv)
    _quiet_streams()
    _dpi_aware()
    from .views.core.app import run_app

    return run_app(args.db)


if __name__ == "__main__":
    sys.exit(main())
