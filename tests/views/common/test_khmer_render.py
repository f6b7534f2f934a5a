"""Khmer text drawn to Pillow images without Tk: script detection, the line box, colours.

The shaping checks (subscripts, mixed runs, bold) live in test_khmer.py beside the Tk side.
"""

from PIL import ImageStat

from pse_desktop.views.common import khmer_render


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
