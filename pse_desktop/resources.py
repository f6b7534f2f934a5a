"""Locating the files shipped in ``resources/`` (fonts, translations...).

The ``resources/`` folder lives at the repository root, next to the
``pse_desktop`` package, so a checkout (or an editable install) finds it at
``<repo>/resources``.  A wheel cannot ship a folder outside the package, so the
build maps ``resources/`` into the package as ``pse_desktop/_resources``.
:func:`resource_path` looks in both places (and in a PyInstaller bundle), in
that order, so callers never need to care how the program was installed.

Nothing here imports Tk or reportlab.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = [
    "KHMER_FONT_FILES",
    "resource_dirs",
    "resource_path",
    "khmer_font_path",
]

_PACKAGE_DIR = Path(__file__).resolve().parent

# File names of the Khmer font shipped in resources/fonts (SIL OFL 1.1, see
# resources/fonts/OFL.txt).  Keyed by ``bold``.
KHMER_FONT_FILES = {
    False: "NotoSansKhmer-Regular.ttf",
    True: "NotoSansKhmer-Bold.ttf",
}

# Last-resort Khmer fonts of the machine (Debian/Ubuntu fonts-khmeros and
# fonts-noto-core), used only if the shipped font is missing.
_SYSTEM_KHMER_FONTS = {
    False: (
        "/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf",
        "/usr/share/fonts/truetype/khmeros/KhmerOS.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/noto/NotoSansKhmer-Bold.ttf",
    ),
}


def resource_dirs() -> list[Path]:
    """The candidate ``resources`` folders, most preferred first.

    1. ``$PSE_RESOURCES`` if set (handy for tests and odd installs);
    2. ``<repo>/resources`` -- next to the package (checkout, editable install);
    3. ``pse_desktop/_resources`` -- inside the package (wheel install);
    4. ``<bundle>/resources`` -- a PyInstaller bundle (``sys._MEIPASS``).

    Only folders that exist are returned.
    """
    candidates = []
    env = os.environ.get("PSE_RESOURCES")
    if env:
        candidates.append(Path(env))
    candidates.append(_PACKAGE_DIR.parent / "resources")
    candidates.append(_PACKAGE_DIR / "_resources")
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        candidates.append(Path(meipass) / "resources")
        candidates.append(Path(meipass) / "pse_desktop" / "_resources")
    return [c for c in candidates if c.is_dir()]


def resource_path(*parts: str) -> Path:
    """Path of ``resources/<parts...>``, wherever ``resources`` was installed.

    The first resources folder that actually contains the requested file wins.
    If no folder contains it, the path inside the preferred folder is returned
    anyway (so the caller's ``open()`` gives a clear ``FileNotFoundError``
    naming a sensible place).  ``resource_path()`` with no argument returns the
    preferred resources folder itself.
    """
    dirs = resource_dirs()
    for d in dirs:
        p = d.joinpath(*parts)
        if p.exists():
            return p
    base = dirs[0] if dirs else _PACKAGE_DIR.parent / "resources"
    return base.joinpath(*parts)


def khmer_font_path(bold: bool = False) -> Path:
    """Path of the Khmer TrueType font (Noto Sans Khmer) to use.

    ``bold=True`` gives the bold face, falling back to the regular face when
    no bold is available.  If the shipped font is missing (broken install),
    a system Khmer font is used; if there is none, ``FileNotFoundError``.
    """
    tries = [resource_path("fonts", KHMER_FONT_FILES[bool(bold)])]
    if bold:
        tries.append(resource_path("fonts", KHMER_FONT_FILES[False]))
    tries += [Path(p) for p in _SYSTEM_KHMER_FONTS[bool(bold)]]
    if bold:
        tries += [Path(p) for p in _SYSTEM_KHMER_FONTS[False]]
    for p in tries:
        if p.is_file():
            return p
    raise FileNotFoundError(
        "No Khmer font found; expected " + str(tries[0]) + " (resources/fonts)"
    )
