"""Typing Khmer in Tk entries: the bundled font made available to Tk, and a shaped preview.

An entry that takes Khmer needs a font with Khmer glyphs, else Tk shows boxes. The program ships
Noto Sans Khmer (resources/fonts); ``register_fonts()`` makes that folder visible to the process:
through fontconfig where the system has it (Linux, BSD: ``FcConfigAppFontAddDir``), through GDI
where it has it (Windows: ``AddFontResourceExW`` with ``FR_PRIVATE``). Which one is decided by
what the system offers, not by its name.

Tk on X11 draws Khmer unshaped even with the right font; Windows and macOS shape in the entry
itself. ``tk_shapes_khmer()`` measures it: a subscript consonant takes no width once shaped.
Where Tk does not shape, each Khmer entry gets a ``KhmerLabel`` under it that shows, shaped, what
is being typed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import tkinter
from tkinter import font as tkfont

from ...resources import resource_path
from .khmer import KhmerLabel

log = logging.getLogger(__name__)

FAMILY = "Noto Sans Khmer"
# Khmer fonts that Windows and common Linux packages install, if the bundled one cannot be used.
FALLBACK_FAMILIES = ("Khmer OS", "Khmer OS System", "Khmer UI", "Leelawadee UI", "DaunPenh")
FR_PRIVATE = 0x10

_registered: str | None = None


def _fontconfig():
    name = ctypes.util.find_library("fontconfig")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
        lib.FcConfigAppFontAddDir.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.FcConfigAppFontAddDir.restype = ctypes.c_int
        return lib
    except (OSError, AttributeError):
        return None


def _gdi32():
    windll = getattr(ctypes, "windll", None)
    return getattr(windll, "gdi32", None) if windll is not None else None


def register_fonts() -> str | None:
    """Make resources/fonts usable by Tk in this process; return how ("fontconfig", "gdi") or None.

    Safe to call more than once (the work is done the first time that succeeds).
    """
    global _registered
    if _registered:
        return _registered
    folder = resource_path("fonts")
    if not folder.is_dir():
        log.warning("no fonts folder at %s", folder)
        return None
    lib = _fontconfig()
    if lib is not None and lib.FcConfigAppFontAddDir(None, str(folder).encode()):
        _registered = "fontconfig"
    else:
        gdi = _gdi32()
        if gdi is not None:
            added = sum(gdi.AddFontResourceExW(str(ttf), FR_PRIVATE, 0)
                        for ttf in sorted(folder.glob("*.ttf")))
            _registered = "gdi" if added else None
    if _registered is None:
        log.warning("could not register %s: Khmer entries use the system's fonts", folder)
    return _registered


def khmer_family(root: tkinter.Misc) -> str:
    """The Tk font family to type Khmer in: the bundled one once registered, else a system one."""
    register_fonts()
    families = set(tkfont.families(root))
    for family in (FAMILY, *FALLBACK_FAMILIES):
        if family in families:
            return family
    return "TkDefaultFont"


def tk_shapes_khmer(root: tkinter.Misc) -> bool:
    """True when Tk shapes Khmer itself (a subscript consonant then adds no width)."""
    font = tkfont.Font(root=root, family=khmer_family(root), size=14)
    base = font.measure("ណ")
    return base > 0 and font.measure("ណ្ណ") <= base * 1.2


_shapes_cache: dict[str, bool] = {}


def _shapes(root: tkinter.Misc) -> bool:
    key = str(root.tk)
    if key not in _shapes_cache:
        _shapes_cache[key] = tk_shapes_khmer(root)
    return _shapes_cache[key]


def khmer_entry(entry: tkinter.Widget, var: tkinter.Variable, preview_parent=None, **grid):
    """Give ``entry`` the Khmer font; where Tk cannot shape, add a shaped preview of ``var``.

    The preview is a ``KhmerLabel`` in ``preview_parent`` (the entry's parent by default), placed
    with ``grid(**grid)`` when grid options are given, else packed. Returns the preview or None.
    """
    family = khmer_family(entry)
    try:
        size = int(tkfont.nametofont("TkDefaultFont", root=entry).actual("size"))
    except tkinter.TclError:
        size = 10
    entry.configure(font=(family, abs(size) + 2))
    if _shapes(entry):
        return None
    preview = KhmerLabel(preview_parent or entry.master, text=var.get(), size=18)
    entry.khmer_preview = preview  # the shaper's floating preview is not needed here
    if grid:
        preview.grid(**grid)
    else:
        preview.pack(anchor="w")

    def follow(*_args):
        try:
            preview.set_text(var.get())
        except tkinter.TclError:  # the form is gone
            pass

    var.trace_add("write", follow)
    return preview
