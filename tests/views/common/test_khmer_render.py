"""Khmer drawing without Pillow's RAQM: HarfBuzz shaping + FreeType glyphs (khmer_render)."""

import PIL.features
import pytest
from PIL import ImageChops, ImageFont, ImageStat

from pse_desktop import resources
from pse_desktop.views.common import khmer_render, khmer_shape

NAMES = ["ស្រីពៅ", "សុវណ្ណ", "ពិសិដ្ឋ", "លក្ខិណា", "ចន្ធូ", "ញ្ញូ", "ស្ត្រី"]
HAS_RAQM = PIL.features.check("raqm")


@pytest.fixture
def no_raqm(monkeypatch):
    """Pillow as on Windows: no RAQM layout; the start check picks HarfBuzz + FreeType."""
    real = PIL.features.check
    monkeypatch.setattr(PIL.features, "check", lambda name: False if name == "raqm" else real(name))
    monkeypatch.setattr(khmer_render, "ENGINE", khmer_render.ENGINE)
    engine = khmer_render.choose_engine()
    khmer_render.use_engine(engine)
    return engine


def test_start_check_picks_harfbuzz_without_raqm(no_raqm):
    assert no_raqm == khmer_render.HARFBUZZ
    with pytest.raises(RuntimeError):
        khmer_render.use_engine(khmer_render.RAQM)


def _font():
    return str(resources.khmer_font_path())


def test_subscript_is_placed_under_its_base_by_harfbuzz(no_raqm):
    # ណ្ណ: the second ណ becomes a subscript glyph, placed under the first (no advance of its own).
    glyphs, adv = khmer_shape.shape("ណ្ណ", _font(), 40)
    assert len(glyphs) == 2
    base_adv = khmer_shape.advance("ណ", _font(), 40)
    assert adv == pytest.approx(base_adv, abs=1)
    sub = glyphs[1]
    mask, left, top = khmer_shape._bitmap(_font(), 40, sub.gid)
    ink_left = round(sub.x) + left
    assert 0 <= ink_left and ink_left + mask.width <= base_adv + 1  # under the base, not after
    assert top - round(sub.y) < 5  # its ink starts at about the baseline and hangs below
    box = khmer_shape.ink_bbox("ណ្ណ", _font(), 40)
    base_box = khmer_shape.ink_bbox("ណ", _font(), 40)
    assert box[3] > base_box[3] + 5  # ink goes well below the base letter


def test_pixels_follow_harfbuzz_positions(no_raqm):
    # The drawn image's ink box is the union of the glyphs at HarfBuzz's positions.
    size = 40
    for name in NAMES:
        img = khmer_render.render_text_image(name, size=size).getchannel("A")
        ascent, _d = khmer_render._vmetrics(size, False)
        left, top, right, bottom = khmer_shape.ink_bbox(name, _font(), size)
        x0, y0, x1, y1 = img.getbbox()
        assert (y0, y1) == (ascent + top, ascent + bottom), name
        assert x1 - x0 == right - left, name


def test_unshaped_rendering_would_be_wider(no_raqm):
    # Without shaping, each subscript consonant takes its own advance: the word is wider.
    basic = ImageFont.truetype(_font(), 32, layout_engine=ImageFont.Layout.BASIC)
    for name in ["សុវណ្ណ", "ពិសិដ្ឋ", "លក្ខិណា", "ស្ត្រី"]:
        assert khmer_shape.advance(name, _font(), 32) < basic.getlength(name) - 5, name


@pytest.mark.skipif(not HAS_RAQM, reason="the reference rendering needs Pillow with RAQM")
def test_harfbuzz_path_matches_the_raqm_reference(tmp_path, monkeypatch):
    size = 36
    monkeypatch.setattr(khmer_render, "ENGINE", khmer_render.RAQM)
    for name in NAMES + ["សុខ សុភា (Sok Sophea)"]:
        khmer_render.use_engine(khmer_render.RAQM)
        ref = khmer_render.render_text_image(name, size=size, bg="white")
        khmer_render.use_engine(khmer_render.HARFBUZZ)
        got = khmer_render.render_text_image(name, size=size, bg="white")
        assert abs(ref.width - got.width) <= 2, name
        # Same glyphs at the same places: the ink crops overlap almost everywhere.
        a = ImageChops.invert(ref.convert("L"))
        b = ImageChops.invert(got.convert("L"))
        a, b = a.crop(a.getbbox()), b.crop(b.getbbox())
        assert abs(a.width - b.width) <= 2 and abs(a.height - b.height) <= 2, name
        w, h = min(a.width, b.width), min(a.height, b.height)
        diff = ImageChops.difference(a.crop((0, 0, w, h)), b.crop((0, 0, w, h)))
        mean = sum(i * n for i, n in enumerate(diff.histogram())) / (w * h)
        assert mean < 20, (name, mean)
        ref.save(tmp_path / f"ref-{len(name)}.png")
        got.save(tmp_path / f"hb-{len(name)}.png")


def test_has_khmer_by_code_point():
    assert khmer_render.has_khmer("ស្រីពៅ") and khmer_render.has_khmer("Sok សុខ")
    assert khmer_render.has_khmer("\u19e0")  # Khmer symbols
    assert not khmer_render.has_khmer("Sok Sophea") and not khmer_render.has_khmer(None)
    assert not khmer_render.has_khmer(1780)  # a number, not text in Khmer


def test_every_image_has_the_line_height_and_one_line():
    for size in (12, 20):
        height = khmer_render.line_height(size)
        for text in ("សុវណ្ណ", "Sok", "", None, "ស្រី\nពៅ\tSok"):
            assert khmer_render.render_text_image(text, size=size).height == height
    assert khmer_render.line_height(20) > khmer_render.line_height(12)
    assert khmer_render.render_text_image("", size=12).width == 1
    one = khmer_render.render_text_image("ស្រី ពៅ", size=16)
    assert khmer_render.render_text_image("ស្រី\nពៅ", size=16).size == one.size


def test_colours_and_transparency():
    clear = khmer_render.render_text_image("សុខ", size=24, fg="#ff0000")
    assert clear.mode == "RGBA" and clear.getpixel((0, 0))[3] == 0
    inked = [p for _n, p in clear.getcolors(maxcolors=1 << 20) if p[3] == 255]
    assert inked and all(p[:3] == (255, 0, 0) for p in inked)
    solid = khmer_render.render_text_image("សុខ", size=24, fg=(0, 0, 0), bg="white")
    assert solid.mode == "RGB" and solid.getpixel((0, 0)) == (255, 255, 255)
    assert ImageStat.Stat(solid.convert("L")).extrema[0][0] < 60  # dark ink on white
