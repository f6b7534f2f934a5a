"""Showing Khmer text correctly in Tk.

Tk 8.6 on Linux draws Khmer *unshaped*: subscript consonants (coeng, ``្``)
and split vowels come out as loose marks next to the base letter.  This module
shows Khmer as an image drawn by ``khmer_render``: Pillow's RAQM layout when
the installed Pillow has it, else HarfBuzz shaping + FreeType glyphs
(``khmer_shape``), chosen by a check at start.

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
``pse_desktop.reports.common.fonts``).
"""

from __future__ import annotations

import logging
import tkinter
from collections import OrderedDict
from tkinter import font as tkfont
from tkinter import ttk

from PIL import ImageTk

from .khmer_render import DEFAULT_FG, has_khmer, line_height, render_text_image  # noqa: F401

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

PHOTO_CACHE_SIZE = 4000



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
    root = _cache_root(master)
    key = (str(text), int(size), fg, bg, bool(bold))
    photo = _photo_cache.get(key)
    if photo is not None:
        _photo_cache.move_to_end(key)
        return photo
    img = render_text_image(text, size=size, fg=fg, bg=bg, bold=bold)
    photo = ImageTk.PhotoImage(img, master=root)
    _remember(key, photo)
    return photo


def _cache_root(master):
    """The Tk root the photos belong to; a new Tcl interpreter empties the cache."""
    global _photo_cache_tk
    root = master if master is not None else getattr(tkinter, "_default_root", None)
    if root is None:
        raise RuntimeError("khmer_photo() needs a Tk root window")
    if root.tk is not _photo_cache_tk:  # new Tk interpreter: old photos are dead
        _photo_cache.clear()
        _photo_cache_tk = root.tk
    return root


def _remember(key, photo) -> None:
    _photo_cache[key] = photo
    while len(_photo_cache) > PHOTO_CACHE_SIZE:
        _photo_cache.popitem(last=False)


def wrap_lines(text, width: int, size: int = 12, bold: bool = False) -> list[str]:
    """``text`` cut at spaces into lines no wider than ``width`` pixels when shaped (a word
    longer than the width stays whole on its own line); its own line breaks are kept."""
    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            wider = f"{line} {word}" if line else word
            if line and render_text_image(wider, size=size, bold=bold).width > width:
                lines.append(line)
                line = word
            else:
                line = wider
        lines.append(line)
    return lines


def khmer_photo_wrapped(text, width: int, size: int = 12, fg=DEFAULT_FG, bold: bool = False,
                        master=None):
    """Like ``khmer_photo``, the text wrapped to ``width`` pixels (a label's ``wraplength``)."""
    root = _cache_root(master)
    key = (str(text), int(size), fg, None, bool(bold), int(width))
    photo = _photo_cache.get(key)
    if photo is not None:
        _photo_cache.move_to_end(key)
        return photo
    lines = wrap_lines(text, width, size, bold)
    if len(lines) < 2:
        return khmer_photo(text, size, fg=fg, bold=bold, master=root)
    images = [render_text_image(line, size=size, fg=fg, bold=bold) for line in lines]
    from PIL import Image

    out = Image.new("RGBA", (max(i.width for i in images), sum(i.height for i in images)),
                    (0, 0, 0, 0))
    top = 0
    for image in images:
        out.paste(image, (0, top))
        top += image.height
    photo = ImageTk.PhotoImage(out, master=root)
    _remember(key, photo)
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
