"""Tests for pse_desktop.views.common.khmer (shaped Khmer text in Tk) and resources."""

import subprocess
import sys
import tkinter
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from pse_desktop import resources
from pse_desktop.views.common import khmer, khmer_render

NAMES = ["ស្រីពៅ", "សុវណ្ណ", "ពិសិដ្ឋ", "លក្ខិណា"]
REPO = Path(__file__).resolve().parents[3]


# -- resources ------------------------------------------------------------------

def test_khmer_font_is_shipped_with_its_licence():
    regular = resources.khmer_font_path()
    bold = resources.khmer_font_path(bold=True)
    assert regular.is_file() and bold.is_file()
    assert regular.parent == REPO / "resources" / "fonts"
    assert regular.name == "NotoSansKhmer-Regular.ttf"
    assert bold.name == "NotoSansKhmer-Bold.ttf"
    licence = (regular.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Copyright" in licence
    assert resources.resource_path("fonts", "OFL.txt") == regular.parent / "OFL.txt"


def test_resource_path_falls_back_to_package_resources(tmp_path, monkeypatch):
    # A wheel install: no <repo>/resources, fonts under pse_desktop/_resources.
    fake_pkg = tmp_path / "site" / "pse_desktop"
    (fake_pkg / "_resources" / "fonts").mkdir(parents=True)
    font = fake_pkg / "_resources" / "fonts" / "NotoSansKhmer-Regular.ttf"
    font.write_bytes(b"x")
    monkeypatch.setattr(resources, "_PACKAGE_DIR", fake_pkg)
    monkeypatch.delenv("PSE_RESOURCES", raising=False)
    assert resources.resource_path("fonts", "NotoSansKhmer-Regular.ttf") == font
    assert resources.khmer_font_path() == font
    # bold missing there: falls back to the regular face
    assert resources.khmer_font_path(bold=True) == font


# -- has_khmer -----------------------------------------------------------------

def test_has_khmer():
    assert khmer.has_khmer("ស្រីពៅ")
    assert khmer.has_khmer("Sok សុខ")
    assert khmer.has_khmer("\u19e0")  # Khmer symbols block
    assert not khmer.has_khmer("Sok Sophea")
    assert not khmer.has_khmer("")
    assert not khmer.has_khmer(None)
    assert not khmer.has_khmer("\u0e01")  # Thai


def test_module_does_not_import_reportlab():
    code = ("import sys, pse_desktop.views.common.khmer as k; "
            "k.render_text_image('ស្រីពៅ'); "
            "assert 'reportlab' not in sys.modules, 'reportlab imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


# -- rendering -----------------------------------------------------------------

def test_width_grows_with_text_and_height_is_stable():
    a = khmer.render_text_image("សុខ", size=16)
    b = khmer.render_text_image("សុខ សុភា", size=16)
    c = khmer.render_text_image("សុខ សុភា (Sok Sophea)", size=16)
    assert 0 < a.width < b.width < c.width
    heights = {khmer.render_text_image(t, size=16).height
               for t in ["a", "ស្រីពៅ", "ចន្ធូ", "", "Sok", *NAMES]}
    assert heights == {khmer.line_height(16)}
    assert khmer.line_height(24) > khmer.line_height(16)


def test_deep_stacks_are_not_clipped():
    # ចន្ធូ: consonant + subscript + vowel below, deeper than the font's descent.
    img = khmer.render_text_image("ចន្ធូ ញ្ញូ", size=40)
    alpha = img.getchannel("A")
    assert alpha.getbbox()[3] < img.height  # last row stays empty
    bottom_row = alpha.crop((0, img.height - 1, img.width, img.height))
    assert bottom_row.getextrema()[1] == 0


def test_transparent_and_opaque_backgrounds():
    img = khmer.render_text_image("ស្រីពៅ", size=20)
    assert img.mode == "RGBA"
    assert img.getpixel((0, 0))[3] == 0
    assert img.getchannel("A").getextrema()[1] == 255  # solid ink somewhere
    img = khmer.render_text_image("ស្រីពៅ", size=20, fg="white", bg="#102030")
    assert img.mode == "RGB"
    assert img.getpixel((0, 0)) == (0x10, 0x20, 0x30)
    assert (255, 255, 255) in {c for _n, c in img.getcolors(maxcolors=100000)}


def _naive(text, size):
    """Per-codepoint rendering, as an unshaped engine would draw it."""
    font = ImageFont.truetype(str(resources.khmer_font_path()), size,
                              layout_engine=ImageFont.Layout.BASIC)
    ascent, descent = khmer_render._vmetrics(size, False)
    img = Image.new("L", (int(font.getlength(text)) + 2, ascent + descent), 0)
    ImageDraw.Draw(img).text((1, ascent), text, font=font, fill=255, anchor="ls")
    return img, font


def test_shaped_rendering_differs_from_naive_rendering():
    size = 32
    raqm = ImageFont.truetype(str(resources.khmer_font_path()), size,
                              layout_engine=ImageFont.Layout.RAQM)
    for name in NAMES:
        shaped = khmer.render_text_image(name, size=size).getchannel("A")
        naive, basic = _naive(name, size)
        if naive.size != shaped.size:
            assert naive.size[1] == shaped.size[1]  # widths differ: shaped
        else:
            assert ImageChops.difference(shaped, naive).getbbox() is not None, name
        # The subscript consonant takes no advance of its own once shaped.
        assert raqm.getlength(name) < basic.getlength(name), name


def test_subscript_sits_under_its_base():
    # In សុវណ្ណ the second ណ is a small subscript under the first: the shaped
    # word has ink well below the baseline, the naive one does not.
    size = 40
    ascent, _d = khmer_render._vmetrics(size, False)
    shaped = khmer.render_text_image("សុវណ្ណ", size=size).getchannel("A")
    naive, _f = _naive("សុវណ្ណ", size)
    shaped_below = shaped.crop((0, ascent + size // 4, shaped.width, shaped.height))
    naive_below = naive.crop((0, ascent + size // 4, naive.width, naive.height))
    assert shaped_below.getbbox() is not None
    assert naive_below.getbbox() is None or naive_below.getbbox()[3] < shaped_below.getbbox()[3]


def test_mixed_khmer_and_latin_uses_real_latin_glyphs():
    cmap = khmer_render._cmap(str(resources.khmer_font_path()))
    assert 0x1780 in cmap
    if ord("S") in cmap:  # pragma: no cover - a Khmer font with Latin
        pytest.skip("Khmer font has Latin glyphs")
    runs = khmer_render._split_runs("សុខ សុភា (Sok Sophea)", cmap)
    assert runs == [("k", "សុខ សុភា"), ("l", " (Sok Sophea)")]
    # Latin letters are drawn for real, not as identical 'missing glyph' boxes.
    a = khmer.render_text_image("Sok", size=20)
    b = khmer.render_text_image("Kos", size=20)
    assert a.size != b.size or ImageChops.difference(a, b).getbbox() is not None
    mixed = khmer.render_text_image("សុខ សុភា (Sok Sophea)", size=20)
    assert mixed.width > khmer.render_text_image("សុខ សុភា", size=20).width + 50


def test_neutrals_between_khmer_stay_khmer():
    cmap = khmer_render._cmap(str(resources.khmer_font_path()))
    assert khmer_render._split_runs("សុខ សុភា", cmap) == [("k", "សុខ សុភា")]
    assert khmer_render._split_runs("Sok Sophea", cmap) == [("l", "Sok Sophea")]


def test_bold_renders_heavier():
    regular = khmer.render_text_image("សុវណ្ណ", size=30).getchannel("A")
    bold = khmer.render_text_image("សុវណ្ណ", size=30, bold=True).getchannel("A")
    assert ImageStat.Stat(bold).sum[0] > ImageStat.Stat(regular).sum[0]


# -- Tk ---------------------------------------------------------------------------

@pytest.fixture
def window(tk_root):
    """The session's one root (ttkbootstrap allows a single root per process)."""
    yield tk_root
    try:
        if tk_root.style.theme_use() != "bootstrap-light":
            tk_root.style.theme_use("bootstrap-light")
    finally:
        khmer.clear_photo_cache()
        for child in tk_root.winfo_children():
            child.destroy()
        tk_root.update()


def test_khmer_label_shows_an_image(window):
    label = khmer.KhmerLabel(window, text="ស្រីពៅ")
    label.pack()
    window.update()
    assert label.photo.width() > 0
    assert label.photo.height() == khmer.line_height(label._pixel_size())
    assert str(label.cget("image")[0]) == str(label.photo)
    assert label.cget("text") == "ស្រីពៅ"
    assert label.winfo_reqwidth() >= label.photo.width()
    before = label.photo.width()
    label.set_text("ស្រីពៅ សុវណ្ណ ពិសិដ្ឋ")
    window.update()
    assert label.photo.width() > before
    assert label.get_text() == label.cget("text") == "ស្រីពៅ សុវណ្ណ ពិសិដ្ឋ"
    label.configure(text="លក្ខិណា")
    assert label.get_text() == "លក្ខិណា"
    label["size"] = 30
    assert label.cget("size") == 30 and label.photo.height() == khmer.line_height(30)
    label.destroy()


def test_khmer_label_uses_style_colours_and_follows_theme(window):
    label = khmer.KhmerLabel(window, text="សុវណ្ណ")
    label.pack()
    window.update()
    fg, bg = label._colors()
    assert fg == khmer._tk_color_hex(label, window.style.lookup("TLabel", "foreground"))
    assert bg == khmer._tk_color_hex(label, window.style.lookup("TLabel", "background"))
    light_photo = label.photo
    window.style.theme_use("bootstrap-dark")
    window.update()
    fg2, bg2 = label._colors()
    assert (fg2, bg2) != (fg, bg)
    assert label.photo is not light_photo
    window.style.theme_use("bootstrap-light")
    window.update()
    assert label._colors() == (fg, bg)
    label.destroy()


def test_khmer_photo_is_cached(window):
    p1 = khmer.khmer_photo("សុខ សុភា", 14, master=window)
    p2 = khmer.khmer_photo("សុខ សុភា", 14, master=window)
    p3 = khmer.khmer_photo("សុខ សុភា", 14, fg="#ff0000", master=window)
    assert p1 is p2 and p3 is not p1
    assert p1.width() > 0 and p1.height() == khmer.line_height(14)


def test_treeview_row_image(window):
    from tkinter import ttk
    tree = ttk.Treeview(window)
    tree.pack()
    fg, _bg = khmer.style_colors("Treeview")
    photo = khmer.khmer_photo("ស្រីពៅ", 14, fg=fg)
    iid = tree.insert("", "end", image=photo, text=" Sreypov")
    window.update()
    assert str(tree.item(iid, "image")[0]) == str(photo)
    tree.destroy()
