"""What differs between Windows, macOS and Linux desktops: opening and printing a document.

Windows: ``os.startfile`` opens a PDF in the user's viewer, ``os.startfile(path, "print")`` sends
it to the default printer through that viewer. macOS: ``open`` and ``lp``. Linux: ``xdg-open``
and ``lp`` (CUPS) or ``lpr``. Nothing here imports Tk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def _windows() -> bool:
    return sys.platform.startswith("win") or os.name == "nt"


def open_document(path) -> bool:
    """Open ``path`` in the system's viewer (where it can be printed); False if none could."""
    path = str(Path(path))
    try:
        if _windows():
            os.startfile(path)  # noqa: S606 - the user's own file
        elif sys.platform == "darwin":
            subprocess.Popen(["open", path])
        else:
            if not shutil.which("xdg-open"):
                return False
            subprocess.Popen(["xdg-open", path], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    except OSError:
        return False
    return True


def print_document(path) -> bool:
    """Send ``path`` to the default printer; False when the system offers no way to."""
    path = str(Path(path))
    try:
        if _windows():
            os.startfile(path, "print")  # noqa: S606 - the viewer registered for PDF prints it
            return True
        for command in ("lp", "lpr"):
            if shutil.which(command):
                subprocess.Popen([command, path], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
                return True
    except OSError:
        return False
    return False
