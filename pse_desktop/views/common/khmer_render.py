"""Shaped rendering of Khmer (and mixed Khmer/Latin) text to Pillow images; no Tk here.

Two drawing paths, chosen once at start by what the installed Pillow can do (not by the system's
name): Pillow's RAQM layout engine when ``PIL.features.check("raqm")`` says it is there, else
HarfBuzz shaping with FreeType glyphs (``khmer_shape``), which works where Pillow's wheels lack
RAQM (Windows). ``views/khmer.py`` turns these images into Tk photos and labels.
"""

from __future__ import annotations

import functools
import logging
import struct
import unicodedata
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont, features

from ...resources import khmer_font_path
from . import khmer_shape

log = logging.getLogger(__name__)

DEFAULT_FG = "#212529"
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

RAQM, HARFBUZZ = "raqm", "harfbuzz"


def choose_engine() -> str:
    """The drawing path this Pillow supports: RAQM if it has it, else HarfBuzz + FreeType."""
    return RAQM if features.check("raqm") else HARFBUZZ


ENGINE = choose_engine()


def use_engine(engine: str) -> None:
    """Draw with ``engine`` from now on (``RAQM`` or ``HARFBUZZ``)."""
    global ENGINE
    if engine not in (RAQM, HARFBUZZ):
        raise ValueError(engine)
    if engine == RAQM and not features.check("raqm"):
        raise RuntimeError("Pillow has no RAQM layout engine")
    ENGINE = engine
    log.info("Khmer text is drawn with %s", engine)


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
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


def _khmer_font(size: int, bold: bool):
    return _load_font(str(khmer_font_path(bold)), size)


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
    """``[(font path, run), ...]`` for ``text`` (path None: Pillow's built-in font)."""
    kpath = str(khmer_font_path(bold))
    kcmap = _cmap(kpath)
    out = []
    for kind, run in _split_runs(text, kcmap):
        if kind == _K:
            path = kpath
        elif kcmap is not None and all(ord(c) in kcmap for c in run):
            path = kpath  # a Khmer font that has these Latin glyphs too
        else:
            path = _latin_font_path(bold)
            if path is None and ENGINE == HARFBUZZ:
                path = kpath  # FreeType needs a file; missing glyphs show as boxes
        out.append((path, run))
    return out


def _measure(path: str | None, size: int, run: str) -> tuple[tuple[float, ...], float]:
    """``((left, top, right, bottom), advance)`` of ``run``, pixels from the pen on the baseline."""
    if ENGINE == HARFBUZZ and path is not None:
        return khmer_shape.ink_bbox(run, path, size), khmer_shape.advance(run, path, size)
    font = _load_font(path, size)
    return font.getbbox(run, anchor="ls"), font.getlength(run)


def _draw_run(mask: Image.Image, x: float, baseline: int, path: str | None, size: int,
              run: str) -> None:
    if ENGINE == HARFBUZZ and path is not None:
        khmer_shape.draw(mask, x, baseline, run, path, size)
        return
    ImageDraw.Draw(mask).text((x, baseline), run, font=_load_font(path, size), fill=255,
                              anchor="ls")


# Deep Khmer stacks (consonant + subscript(s) + vowel below) reach ~0.56 em
# under the baseline, far below the font's hhea descent (0.29 em), and top
# vowels/signs ~0.97 em above it; Latin accents and descenders for the
# fallback font.  The line box is sized to hold these, for every text alike.
_PROBE_KHMER = "ញ្ញូ ន្ធូ ប្ត្រូ ញ្ជ្រួ ក្សួ ឆ្នួ ឡុ ឡូ ស្ត្រី ល៊ឿ ៀ ៍ ើ ៉ឹ ស៊ើ"
_PROBE_LATIN = "ÁÉÅÑ|gjpqy()[]_"


def _vmetrics(size: int, bold: bool) -> tuple[int, int]:
    """(ascent, descent) in pixels: the line box, the same for every text."""
    return _vmetrics_for(size, bold, ENGINE)


@functools.lru_cache(maxsize=64)
def _vmetrics_for(size: int, bold: bool, engine: str) -> tuple[int, int]:
    ascent = descent = 0
    latin = _latin_font_path(bold)
    for path, probe in ((str(khmer_font_path(bold)), _PROBE_KHMER), (latin, _PROBE_LATIN)):
        if path is None and engine == HARFBUZZ:
            continue
        for word in probe.split():
            (_l, top, _r, bottom), _adv = _measure(path, size, word)
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
    """Render ``text`` shaped (Pillow RAQM or HarfBuzz + FreeType, see ``ENGINE``) to a PIL image.

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
    for path, run in _run_fonts(text, size, bold) if text else ():
        (left, _top, right, _bottom), adv = _measure(path, size, run)
        if right > left:  # not only spaces
            ink_left = min(ink_left, x + left)
            ink_right = max(ink_right, x + right)
        placed.append((x, path, run))
        x += adv
    shift = _HPAD - min(0.0, ink_left)
    width = int(-(-(max(x, ink_right) + shift + _HPAD) // 1))  # ceil
    width = max(1, width) if text else 1

    mask = Image.new("L", (width, height), 0)
    for x0, path, run in placed:
        _draw_run(mask, x0 + shift, ascent, path, size, run)

    fg_rgb = _rgb(fg)
    if bg is None:
        img = Image.new("RGBA", (width, height), fg_rgb + (0,))
        img.putalpha(mask)
        return img
    img = Image.new("RGB", (width, height), _rgb(bg))
    img.paste(Image.new("RGB", (width, height), fg_rgb), (0, 0), mask)
    return img
