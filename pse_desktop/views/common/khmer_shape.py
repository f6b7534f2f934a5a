"""Khmer shaping with HarfBuzz and glyph drawing with FreeType, into Pillow images; no Tk.

Pillow shapes Khmer only through its RAQM layout engine, which Pillow's Windows wheels lack
(they load FriBiDi at run time and do not ship it). HarfBuzz (uharfbuzz) and FreeType
(freetype-py) ship wheels for every system, so this path draws the same shaped text anywhere.
``khmer_render`` picks this path when ``PIL.features.check("raqm")`` is false.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import freetype
import uharfbuzz as hb
from PIL import Image, ImageChops


@dataclass(frozen=True)
class Glyph:
    """One shaped glyph: its id and pen position (pixels, y up from the baseline)."""

    gid: int
    x: float
    y: float
    cluster: int


@functools.lru_cache(maxsize=8)
def _hb_face(path: str) -> hb.Face:
    with open(path, "rb") as fh:
        return hb.Face(hb.Blob(fh.read()))


@functools.lru_cache(maxsize=64)
def _hb_font(path: str, size: int) -> hb.Font:
    font = hb.Font(_hb_face(path))
    font.scale = (size * 64, size * 64)  # 26.6 fixed point, as FreeType's pixel size
    return font


@functools.lru_cache(maxsize=64)
def _ft_face(path: str, size: int) -> freetype.Face:
    face = freetype.Face(path)
    face.set_pixel_sizes(0, size)
    return face


@functools.lru_cache(maxsize=4096)
def shape(text: str, path: str, size: int) -> tuple[tuple[Glyph, ...], float]:
    """``(glyphs, advance)`` of ``text`` shaped by HarfBuzz with the font at ``path``."""
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(_hb_font(path, size), buf, {})
    glyphs = []
    pen = 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        glyphs.append(Glyph(info.codepoint, pen + pos.x_offset / 64.0, pos.y_offset / 64.0,
                            info.cluster))
        pen += pos.x_advance / 64.0
    return tuple(glyphs), pen


@functools.lru_cache(maxsize=8192)
def _bitmap(path: str, size: int, gid: int) -> tuple[Image.Image | None, int, int]:
    """``(mask, left, top)`` of one glyph rendered by FreeType (None for an empty glyph)."""
    face = _ft_face(path, size)
    face.load_glyph(gid, freetype.FT_LOAD_DEFAULT | freetype.FT_LOAD_NO_BITMAP)
    slot = face.glyph
    slot.render(freetype.FT_RENDER_MODE_NORMAL)
    bm = slot.bitmap
    if bm.width == 0 or bm.rows == 0:
        return None, slot.bitmap_left, slot.bitmap_top
    data = bytes(bm.buffer)
    if bm.pitch != bm.width:  # rows are padded: keep the first ``width`` bytes of each
        data = b"".join(data[r * bm.pitch:r * bm.pitch + bm.width] for r in range(bm.rows))
    return Image.frombytes("L", (bm.width, bm.rows), data), slot.bitmap_left, slot.bitmap_top


def ink_bbox(text: str, path: str, size: int) -> tuple[float, float, float, float]:
    """Ink box ``(left, top, right, bottom)`` in pixels from the pen at the baseline (y down)."""
    glyphs, _adv = shape(text, path, size)
    box = None
    for g in glyphs:
        mask, left, top = _bitmap(path, size, g.gid)
        if mask is None:
            continue
        x0 = round(g.x) + left
        y0 = -round(g.y) - top
        cur = (x0, y0, x0 + mask.width, y0 + mask.height)
        box = cur if box is None else (min(box[0], cur[0]), min(box[1], cur[1]),
                                       max(box[2], cur[2]), max(box[3], cur[3]))
    return box or (0, 0, 0, 0)


def advance(text: str, path: str, size: int) -> float:
    """Width in pixels the pen moves for ``text``."""
    return shape(text, path, size)[1]


def draw(mask: Image.Image, x: float, baseline: int, text: str, path: str, size: int) -> None:
    """Draw ``text`` shaped into the "L" image ``mask`` with its pen at ``(x, baseline)``."""
    glyphs, _adv = shape(text, path, size)
    for g in glyphs:
        bitmap, left, top = _bitmap(path, size, g.gid)
        if bitmap is None:
            continue
        x0 = round(x + g.x) + left
        y0 = baseline - round(g.y) - top
        # Glyphs overlap (a vowel over a subscript): keep the darker coverage of each pixel.
        region = (x0, y0, x0 + bitmap.width, y0 + bitmap.height)
        under = mask.crop(region)
        mask.paste(ImageChops.lighter(under, bitmap), region[:2])
