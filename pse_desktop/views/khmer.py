"""Showing Khmer text correctly in Tk.

Tk 8.6 on Linux draws Khmer *unshaped*: subscript consonants (coeng, ``្``)
and split vowels come out as loose marks next to the base letter.  Pillow with
its RAQM layout engine (FriBiDi + HarfBuzz) shapes Khmer correctly, so this
module renders Khmer text to an image and shows the image in Tk.

Public API
----------
``has_khmer(text) -> bool``
    Does the text contain a Khmer character (U+1780-U+17FF, U+19E0-U+19FF)?
``render_text_image(text, size=12, fg="#212529", bg=None, bold=False) -> PIL.Image.Image``
    Shaped rendering, no display needed.  Transparent (RGBA) when ``bg`` is
    None, else RGB on ``bg``.  The height depends only on ``size``/``bold``
    (a fixed line box: the fonts' ascent plus room for the deepest Khmer
    stacks, see ``line_height``), so rows line up.
``line_height(size=12, bold=False) -> int``
    Height in pixels of every image rendered at that size.
``khmer_photo(text, size=12, fg="#212529", bg=None, bold=False, master=None) -> PIL.ImageTk.PhotoImage``
    Same, as a Tk image, from an LRU cache (``PHOTO_CACHE_SIZE`` entries).
``clear_photo_cache()``
``style_colors(style_name="TLabel", widget=None) -> (fg, bg)``
    Current theme colours of a ttk style, e.g. for Treeview row images.
``KhmerLabel(master, text="", size=None, bold=False, fg=None, bg=None, transparent=False, **ttk_options)``
    A ttk(bootstrap) Label showing its text as a shaped image; ``set_text``.

``size`` is in **pixels** (Pillow's unit), not points.  ``KhmerLabel`` with
``size=None`` works out the pixel size of its ttk style's font.

Mixed text ("សុខ សុភា (Sok Sophea)"): the shipped Noto Sans Khmer has no Latin
letters or digits, so text is split into runs: Khmer runs use the Khmer font,
other runs use DejaVu Sans (or another system sans, or Pillow's built-in font).
Spaces and punctuation between two Khmer runs stay in the Khmer font.

Cost (measured on the development machine, Pillow 13 + RAQM, 13 px, 551
"family given" names from the sample CSV): ``render_text_image`` ~0.4 ms per
name (~0.6 ms with a Latin part), a fresh ``khmer_photo`` ~0.5 ms, a cached
``khmer_photo`` ~0.3 µs.  A 40-child register: ~20 ms the first time, then
under 0.1 ms (nothing is re-rendered).

Treeview trick: a ``ttk.Treeview`` item can carry an image, shown in column
``#0`` left of the item's text::

    fg, _bg = style_colors("Treeview")
    photo = khmer_photo("សុខ សុភា", 13, fg=fg)   # bg=None: transparent
    tree.insert("", "end", image=photo, text=" Sok Sophea")

Keep references to the photos (e.g. a dict on the view): Tk does not, and
the cache may drop old ones.  Give the Treeview a ``rowheight`` of at least
``line_height(size)`` with ``ttk.Style().configure("Treeview", rowheight=h)``
followed by ``tree.configure(style=tree.cget("style") or "Treeview")`` (the
Treeview only re-reads rowheight on a style change; ttkbootstrap resets it on
a theme change, so do both again in a ``<<ThemeChanged>>`` binding on the
tree, and re-set the images with the new foreground via ``tree.item(iid,
image=...)``).  Selected rows: the image does not follow the selection
colour by itself; on ``<<TreeviewSelect>>`` give selected items a photo
rendered with ``ttk.Style().lookup("Treeview", "foreground", ("selected",))``.

This module never imports reportlab (PDFs have their own shaping, see
``pse_desktop.reports.fonts``).
"""

from __future__ import annotations

import functools
import logging
import struct
import tkinter
import unicodedata
from collections import OrderedDict
from pathlib import Path
from tkinter import font as tkfont
from tkinter import ttk

from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageTk, features

from pse_desktop.resources import khmer_font_path

try:  # ttkbootstrap Label accepts bootstyle=; plain ttk.Label is fine too
    from ttkbootstrap import Label as _BaseLabel
except Exception:  # pragma: no cover - ttkbootstrap is a hard dependency
    _BaseLabel = ttk.Label

log = logging.getLogger(__name__)

__all__ = [
    "has_khmer",
    "render_text_image",
    "line_height",
    "khmer_photo",
    "clear_photo_cache",
    "style_colors",
    "KhmerLabel",
    "PHOTO_CACHE_SIZE",
    "DEFAULT_FG",
]

DEFAULT_FG = "#212529"
PHOTO_CACHE_SIZE = 4000
# Horizontal padding, in pixels, on each side of a rendered image (room for
# glyphs whose ink pokes out of their advance box).
_HPAD = 1

# --------------------------------------------------------------------------
# Script detection


def _is_khmer_char(ch: str) -> bool:
    o = ord(ch)
    return 0x1780 <= o <= 0x17FF or 0x19E0 <= o <= 0x19FF


def has_khmer(text) -> bool:
    """True if ``text`` has a Khmer character (U+1780-U+17FF or U+19E0-U+19FF)."""
    if not text:
        return False
    return any(_is_khmer_char(ch) for ch in str(text))


# Characters that belong with Khmer runs although they are not Khmer script:
# ZWSP (word separator in Khmer), ZWNJ, ZWJ and the dotted circle.
_KHMER_JOINERS = frozenset("\u200b\u200c\u200d\u25cc")

# --------------------------------------------------------------------------
# Fonts

_LATIN_FONTS = {
    False: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "C:/Windows/Fonts/segoeui.ttf",
        "C:/Windows/Fonts/arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        "/Library/Fonts/Arial.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "C:/Windows/Fonts/segoeuib.ttf",
        "C:/Windows/Fonts/arialbd.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
        "/Library/Fonts/Arial Bold.ttf",
    ),
}

_HAS_RAQM = features.check("raqm")
if not _HAS_RAQM:  # pragma: no cover - the supported install has RAQM
    log.warning("Pillow has no RAQM layout engine: Khmer will not be shaped")
_LAYOUT = ImageFont.Layout.RAQM if _HAS_RAQM else ImageFont.Layout.BASIC


@functools.lru_cache(maxsize=None)
def _latin_font_path(bold: bool) -> str | None:
    for p in _LATIN_FONTS[bold] + (_LATIN_FONTS[False] if bold else ()):
        if Path(p).is_file():
            return p
    return None


@functools.lru_cache(maxsize=128)
def _load_font(path: str | None, size: int) -> ImageFont.FreeTypeFont:
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(path, size, layout_engine=_LAYOUT)


def _khmer_font(size: int, bold: bool):
    return _load_font(str(khmer_font_path(bold)), size)


def _latin_font(size: int, bold: bool):
    return _load_font(_latin_font_path(bold), size)


@functools.lru_cache(maxsize=8)
def _cmap(path: str) -> frozenset | None:
    """Code points mapped to a (non-zero) glyph by a TrueType font's cmap.

    A minimal reader of the 'cmap' table (formats 4 and 12) so we can tell
    whether the Khmer font has Latin letters without another dependency.
    None if the table cannot be read (then the font is assumed Khmer-only).
    """
    try:
        data = Path(path).read_bytes()
        (num_tables,) = struct.unpack_from(">H", data, 4)
        for i in range(num_tables):
            tag, _cs, off, _ln = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            if tag == b"cmap":
                break
        else:
            return None
        (nsub,) = struct.unpack_from(">H", data, off + 2)
        fmt4 = fmt12 = None
        for j in range(nsub):
            pid, eid, soff = struct.unpack_from(">HHI", data, off + 4 + 8 * j)
            sub = off + soff
            (fmt,) = struct.unpack_from(">H", data, sub)
            if fmt == 12 and (pid == 0 or (pid == 3 and eid == 10)):
                fmt12 = sub
            elif fmt == 4 and (pid == 0 or (pid == 3 and eid == 1)):
                fmt4 = fmt4 or sub
        cps = set()
        if fmt12 is not None:
            (ngroups,) = struct.unpack_from(">I", data, fmt12 + 12)
            for g in range(ngroups):
                start, end, gid = struct.unpack_from(">III", data, fmt12 + 16 + 12 * g)
                cps.update(range(start + (gid == 0), end + 1))
            return frozenset(cps)
        if fmt4 is None:
            return None
        (segx2,) = struct.unpack_from(">H", data, fmt4 + 6)
        seg = segx2 // 2
        ends = struct.unpack_from(">%dH" % seg, data, fmt4 + 14)
        starts = struct.unpack_from(">%dH" % seg, data, fmt4 + 16 + segx2)
        deltas = struct.unpack_from(">%dh" % seg, data, fmt4 + 16 + 2 * segx2)
        ro_base = fmt4 + 16 + 3 * segx2
        ros = struct.unpack_from(">%dH" % seg, data, ro_base)
        for k in range(seg):
            for c in range(starts[k], ends[k] + 1):
                if c == 0xFFFF:
                    continue
                if ros[k] == 0:
                    gid = (c + deltas[k]) & 0xFFFF
                else:
                    addr = ro_base + 2 * k + ros[k] + 2 * (c - starts[k])
                    (gid,) = struct.unpack_from(">H", data, addr)
                    if gid:
                        gid = (gid + deltas[k]) & 0xFFFF
                if gid:
                    cps.add(c)
        return frozenset(cps)
    except (OSError, struct.error):  # pragma: no cover - defensive
        return None


# --------------------------------------------------------------------------
# Splitting mixed text into font runs

_K, _L, _N = "k", "l", "n"  # Khmer, other (Latin...), neutral


def _classify(ch: str, khmer_cmap) -> str:
    if _is_khmer_char(ch) or ch in _KHMER_JOINERS:
        return _K
    # Spaces and punctuation the Khmer font has: they go with their
    # neighbours (Khmer font only when Khmer on both sides).
    if khmer_cmap is not None and ord(ch) in khmer_cmap:
        cat = unicodedata.category(ch)
        if cat[0] in "PZ" or ch.isspace():
            return _N
    return _L


def _split_runs(text: str, khmer_cmap) -> list[tuple[str, str]]:
    """Split ``text`` into ``[(kind, run), ...]`` with kind 'k' or 'l'."""
    kinds = [_classify(ch, khmer_cmap) for ch in text]
    n = len(kinds)
    # Resolve neutrals: Khmer only if the nearest strong characters on both
    # sides are Khmer (a missing side counts as agreeing).
    i = 0
    while i < n:
        if kinds[i] != _N:
            i += 1
            continue
        j = i
        while j < n and kinds[j] == _N:
            j += 1
        before = kinds[i - 1] if i > 0 else None
        after = kinds[j] if j < n else None
        if before is None and after is None:
            kind = _L
        elif before is None:
            kind = after
        elif after is None:
            kind = before
        else:
            kind = _K if (before == _K and after == _K) else _L
        for k in range(i, j):
            kinds[k] = kind
        i = j
    runs: list[tuple[str, str]] = []
    for ch, kind in zip(text, kinds):
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + ch)
        else:
            runs.append((kind, ch))
    return runs


def _run_fonts(text: str, size: int, bold: bool):
    """``[(font, run), ...]`` for ``text``."""
    kpath = str(khmer_font_path(bold))
    kcmap = _cmap(kpath)
    kfont = _load_font(kpath, size)
    out = []
    for kind, run in _split_runs(text, kcmap):
        if kind == _K:
            font = kfont
        elif kcmap is not None and all(ord(c) in kcmap for c in run):
            font = kfont  # a Khmer font that has these Latin glyphs too
        else:
            font = _latin_font(size, bold)
        out.append((font, run))
    return out


# Deep Khmer stacks (consonant + subscript(s) + vowel below) reach ~0.56 em
# under the baseline, far below the font's hhea descent (0.29 em), and top
# vowels/signs ~0.97 em above it; Latin accents and descenders for the
# fallback font.  The line box is sized to hold these, for every text alike.
_PROBE_KHMER = "ញ្ញូ ន្ធូ ប្ត្រូ ញ្ជ្រួ ក្សួ ឆ្នួ ឡុ ឡូ ស្ត្រី ល៊ឿ ៀ ៍ ើ ៉ឹ ស៊ើ"
_PROBE_LATIN = "ÁÉÅÑ|gjpqy()[]_"


@functools.lru_cache(maxsize=64)
def _vmetrics(size: int, bold: bool) -> tuple[int, int]:
    """(ascent, descent) in pixels: the line box, the same for every text."""
    ascent = descent = 0
    for font, probe in ((_khmer_font(size, bold), _PROBE_KHMER),
                        (_latin_font(size, bold), _PROBE_LATIN)):
        for word in probe.split():
            _l, top, _r, bottom = font.getbbox(word, anchor="ls")
            ascent = max(ascent, -top)
            descent = max(descent, bottom)
    if not ascent:  # pragma: no cover - fonts without the probe glyphs
        ascent, descent = _khmer_font(size, bold).getmetrics()
    return int(ascent), int(descent)


def line_height(size: int = 12, bold: bool = False) -> int:
    """Height (pixels) of every image ``render_text_image`` makes at ``size``."""
    a, d = _vmetrics(int(size), bool(bold))
    return a + d


# --------------------------------------------------------------------------
# Rendering


def _rgb(color) -> tuple[int, int, int]:
    if isinstance(color, tuple):
        return tuple(int(c) for c in color[:3])
    return ImageColor.getrgb(str(color))[:3]


def render_text_image(text, size: int = 12, fg=DEFAULT_FG, bg=None, bold: bool = False) -> Image.Image:
    """Render ``text`` shaped (HarfBuzz via Pillow RAQM) to a PIL image.

    ``size`` is the font size in pixels.  ``fg``/``bg`` are colours Pillow
    understands ("#rrggbb", "white", (r, g, b)).  With ``bg=None`` the image
    is RGBA with a transparent background (text antialiasing in the alpha
    channel), else RGB.  The height is ``line_height(size, bold)`` whatever
    the text; the width follows the text (at least 1 pixel).  The text is one
    line: newlines and tabs become spaces.  Needs no display.
    """
    size = int(size)
    bold = bool(bold)
    text = "" if text is None else str(text)
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")
    ascent, descent = _vmetrics(size, bold)
    height = ascent + descent

    placed = []  # (x, font, run)
    x = 0.0
    ink_left = 0.0
    ink_right = 0.0
    for font, run in _run_fonts(text, size, bold) if text else ():
        left, _top, right, _bottom = font.getbbox(run, anchor="ls")
        if right > left:  # not only spaces
            ink_left = min(ink_left, x + left)
            ink_right = max(ink_right, x + right)
        placed.append((x, font, run))
        x += font.getlength(run)
    shift = _HPAD - min(0.0, ink_left)
    width = int(-(-(max(x, ink_right) + shift + _HPAD) // 1))  # ceil
    width = max(1, width) if text else 1

    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    for x0, font, run in placed:
        draw.text((x0 + shift, ascent), run, font=font, fill=255, anchor="ls")

    fg_rgb = _rgb(fg)
    if bg is None:
        img = Image.new("RGBA", (width, height), fg_rgb + (0,))
        img.putalpha(mask)
        return img
    img = Image.new("RGB", (width, height), _rgb(bg))
    img.paste(Image.new("RGB", (width, height), fg_rgb), (0, 0), mask)
    return img


# --------------------------------------------------------------------------
# Tk images, cached

_photo_cache: "OrderedDict[tuple, object]" = OrderedDict()
_photo_cache_tk = None  # the Tcl interpreter the cached photos belong to


def clear_photo_cache() -> None:
    """Forget all cached photos (widgets still showing one keep theirs)."""
    global _photo_cache_tk
    _photo_cache.clear()
    _photo_cache_tk = None


def khmer_photo(text, size: int = 12, fg=DEFAULT_FG, bg=None, bold: bool = False, master=None):
    """A ``PIL.ImageTk.PhotoImage`` of ``render_text_image(text, ...)``.

    Photos are kept in an LRU cache keyed by (text, size, fg, bg, bold), at
    most ``PHOTO_CACHE_SIZE`` of them, so showing the same names again costs
    a dict lookup.  A Tk root must exist (``master`` or the default root).

    The caller must still keep a reference to the photo while Tk shows it
    (the cache may drop it after ``PHOTO_CACHE_SIZE`` newer ones; Tk blanks
    an image whose Python object is garbage-collected).
    """
    global _photo_cache_tk
    root = master if master is not None else getattr(tkinter, "_default_root", None)
    if root is None:
        raise RuntimeError("khmer_photo() needs a Tk root window")
    interp = root.tk
    if interp is not _photo_cache_tk:  # new Tk interpreter: old photos are dead
        _photo_cache.clear()
        _photo_cache_tk = interp
    key = (str(text), int(size), fg, bg, bool(bold))
    photo = _photo_cache.get(key)
    if photo is not None:
        _photo_cache.move_to_end(key)
        return photo
    img = render_text_image(text, size=size, fg=fg, bg=bg, bold=bold)
    photo = ImageTk.PhotoImage(img, master=root)
    _photo_cache[key] = photo
    while len(_photo_cache) > PHOTO_CACHE_SIZE:
        _photo_cache.popitem(last=False)
    return photo


# --------------------------------------------------------------------------
# The widget


def _tk_color_hex(widget, color) -> str | None:
    """'#rrggbb' for any Tk colour spec, None if empty/unknown."""
    if not color:
        return None
    color = str(color)
    if color.startswith("#") and len(color) == 7:
        return color.lower()
    try:
        r, g, b = widget.winfo_rgb(color)
    except tkinter.TclError:
        return None
    return "#%02x%02x%02x" % (r >> 8, g >> 8, b >> 8)


def style_colors(style_name: str = "TLabel", widget=None) -> tuple[str, str | None]:
    """``(fg, bg)`` as "#rrggbb" from the current ttk theme for ``style_name``.

    For images not inside a KhmerLabel, e.g. Treeview rows::

        fg, _bg = style_colors("Treeview")
        tree.insert("", "end", image=khmer_photo(name, 13, fg=fg), text=latin)

    (call again and re-set the items' images on ``<<ThemeChanged>>``).  Falls
    back to the "." style, then ``DEFAULT_FG`` / None.  Needs a Tk root.
    """
    root = widget if widget is not None else getattr(tkinter, "_default_root", None)
    if root is None:
        raise RuntimeError("style_colors() needs a Tk root window")
    style = ttk.Style(root)
    out = []
    for option in ("foreground", "background"):
        value = ""
        for sname in (style_name, "."):
            try:
                value = style.lookup(sname, option)
            except tkinter.TclError:
                value = ""
            if value:
                break
        out.append(_tk_color_hex(root, value))
    return out[0] or DEFAULT_FG, out[1]


class KhmerLabel(_BaseLabel):
    """A ttk Label that shows its text as a shaped (image) rendering.

    ``KhmerLabel(parent, text="ស្រីពៅ", size=None, bold=False, fg=None,
    bg=None, transparent=False, **label_options)``

    * ``size``: pixels; None = the pixel size of the label style's font.
    * ``fg``/``bg``: None = looked up in the ttk style of the label (its
      ``style=``/``bootstyle=`` or ``TLabel``), refreshed on ``<<ThemeChanged>>``.
    * ``transparent=True``: transparent background instead of ``bg``.

    ``set_text(text)`` (or ``configure(text=...)``) changes the text.  The
    ttk ``text`` option holds the plain text (``compound="image"`` shows only
    the image), so ``label.cget("text")`` still returns it.  The current
    photo is kept on ``self.photo``.
    """

    _OWN = ("size", "bold", "fg", "bg", "transparent")

    def __init__(self, master=None, text="", *, size=None, bold=False, fg=None, bg=None,
                 transparent=False, **kw):
        kw.setdefault("compound", "image")
        self._k_text = "" if text is None else str(text)
        self._k_opts = {"size": size, "bold": bool(bold), "fg": fg, "bg": bg,
                        "transparent": bool(transparent)}
        self.photo = None
        super().__init__(master, text=self._k_text, **kw)
        self.bind("<<ThemeChanged>>", self._on_theme_changed, add="+")
        self._render()

    # -- public -----------------------------------------------------------
    def set_text(self, text) -> None:
        """Show ``text`` (re-rendered, from the photo cache if seen before)."""
        self._k_text = "" if text is None else str(text)
        super().configure(text=self._k_text)
        self._render()

    def get_text(self) -> str:
        return self._k_text

    def refresh(self) -> None:
        """Re-read style colours/font and re-render."""
        self._render()

    # -- tkinter option plumbing -------------------------------------------
    def configure(self, cnf=None, **kw):
        if isinstance(cnf, dict):
            kw = {**cnf, **kw}
            cnf = None
        if cnf is not None or not kw:  # queries: configure() / configure("x")
            if cnf in self._OWN:
                return (cnf, cnf, cnf, None, self._k_opts[cnf])
            return super().configure(cnf, **kw)
        rerender = False
        for key in self._OWN:
            if key in kw:
                self._k_opts[key] = kw.pop(key)
                rerender = True
        if "text" in kw:
            self._k_text = "" if kw["text"] is None else str(kw["text"])
            rerender = True
        if any(k in kw for k in ("style", "bootstyle", "font", "state")):
            rerender = True
        result = super().configure(**kw) if kw else None
        if rerender:
            self._render()
        return result

    config = configure

    def cget(self, key):
        if key in self._OWN:
            return self._k_opts[key]
        return super().cget(key)

    __getitem__ = cget

    # -- internals ------------------------------------------------------------
    def _style_name(self) -> str:
        try:
            name = str(super().cget("style"))
        except tkinter.TclError:
            name = ""
        return name or self.winfo_class() or "TLabel"

    def _lookup(self, option: str):
        style = ttk.Style(self)
        name = self._style_name()
        try:
            state = tuple(self.state())
        except tkinter.TclError:
            state = ()
        for sname in (name, "TLabel", "."):
            try:
                value = style.lookup(sname, option, state) if state else style.lookup(sname, option)
            except tkinter.TclError:
                value = ""
            if value:
                return value
        return ""

    def _pixel_size(self) -> int:
        size = self._k_opts["size"]
        if size:
            return int(size)
        spec = ""
        try:
            spec = str(super().cget("font"))
        except tkinter.TclError:
            pass
        spec = spec or self._lookup("font") or "TkDefaultFont"
        try:
            f = tkfont.Font(root=self, font=spec)
            pts = int(f.actual("size"))
        except (tkinter.TclError, ValueError):
            return 13
        if pts < 0:  # negative = pixels
            return -pts
        return max(6, round(pts * self.winfo_fpixels("1p")))

    def _colors(self):
        fg = self._k_opts["fg"] or _tk_color_hex(self, self._lookup("foreground")) or DEFAULT_FG
        if self._k_opts["transparent"]:
            return fg, None
        bg = self._k_opts["bg"] or _tk_color_hex(self, self._lookup("background"))
        return fg, bg

    def _render(self) -> None:
        fg, bg = self._colors()
        photo = khmer_photo(self._k_text, size=self._pixel_size(), fg=fg, bg=bg,
                            bold=self._k_opts["bold"], master=self)
        self.photo = photo  # keep the reference: Tk would show a blank image
        super().configure(image=photo)

    def _on_theme_changed(self, _event=None) -> None:
        try:
            self._render()
        except tkinter.TclError:  # widget being destroyed
            pass
