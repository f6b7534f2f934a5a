"""Shaped rendering of Khmer (and mixed Khmer/Latin) text to Pillow images; no Tk here.

Pillow's RAQM layout engine (FriBiDi + HarfBuzz) shapes Khmer correctly, which Tk 8.6 on Linux
does not; ``views/khmer.py`` turns these images into Tk photos and labels.
"""

from __future__ import annotations

import functools
import logging
import struct
import unicodedata
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont, features

from ...resources import khmer_font_path

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
