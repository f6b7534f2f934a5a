"""Tests for pse_desktop.views.common.khmer_shape: HarfBuzz shapes, FreeType draws."""

from PIL import Image

from pse_desktop import resources
from pse_desktop.views.common import khmer_shape

FONT = str(resources.khmer_font_path())


def test_a_subscript_adds_a_glyph_without_moving_the_pen_much():
    glyphs, width = khmer_shape.shape("ស្រី", FONT, 24)
    assert len(glyphs) >= 3 and width > 0
    assert khmer_shape.advance("ស្រី", FONT, 24) == width
    # the subscript RO goes under its base: the ink reaches below the baseline
    _x0, _y0, _x1, y1 = khmer_shape.ink_bbox("ស្រី", FONT, 24)
    _a, _b, _c, plain = khmer_shape.ink_bbox("សរី", FONT, 24)
    assert y1 > plain


def test_drawing_puts_ink_on_the_mask():
    mask = Image.new("L", (120, 40), 0)
    khmer_shape.draw(mask, 2, 28, "សុខា", FONT, 20)
    assert mask.getbbox() is not None
