"""Typing Khmer: the bundled font reaches Tk, Khmer entries use it and preview what is typed."""

from tkinter import font as tkfont

import pytest

from pse_desktop.views.common import khmer_input
from pse_desktop.views.common.base import Form
from pse_desktop.views.common.khmer import KhmerLabel
from tests.conftest import pump


def test_bundled_font_is_registered_with_fontconfig(tk_root):
    if khmer_input._fontconfig() is None:
        pytest.skip("no fontconfig on this system")
    assert khmer_input.register_fonts() == "fontconfig"
    assert khmer_input.FAMILY in tkfont.families(tk_root)
    assert khmer_input.khmer_family(tk_root) == khmer_input.FAMILY


def test_windows_registers_the_fonts_privately_through_gdi(monkeypatch):
    calls = []

    class Gdi:
        def AddFontResourceExW(self, path, flags, reserved):  # noqa: N802 - the Win32 name
            calls.append((path, flags))
            return 1

    monkeypatch.setattr(khmer_input, "_registered", None)
    monkeypatch.setattr(khmer_input, "_fontconfig", lambda: None)
    monkeypatch.setattr(khmer_input, "_gdi32", lambda: Gdi())
    assert khmer_input.register_fonts() == "gdi"
    assert {p.rsplit("/", 1)[-1] for p, _f in calls} >= {"NotoSansKhmer-Regular.ttf"}
    assert all(flags == khmer_input.FR_PRIVATE for _p, flags in calls)


def test_no_way_to_register_is_logged_not_fatal(monkeypatch):
    monkeypatch.setattr(khmer_input, "_registered", None)
    monkeypatch.setattr(khmer_input, "_fontconfig", lambda: None)
    monkeypatch.setattr(khmer_input, "_gdi32", lambda: None)
    assert khmer_input.register_fonts() is None


def test_x11_tk_does_not_shape_khmer(tk_root):
    if tk_root.tk.call("tk", "windowingsystem") != "x11":
        pytest.skip("only X11 Tk is known not to shape")
    assert not khmer_input.tk_shapes_khmer(tk_root)


def test_khmer_entry_gets_the_font_and_a_shaped_preview(ui, monkeypatch):
    monkeypatch.setattr(khmer_input, "_shapes", lambda root: False)
    form = Form(ui)
    form.pack()
    entry = form.add("name_km", "Name (Khmer)", khmer=True)
    form.add("other", "Other")
    family = tkfont.Font(root=ui, font=entry.cget("font")).actual("family")
    assert family == khmer_input.khmer_family(ui)
    previews = [w for w in form.winfo_children() if isinstance(w, KhmerLabel)]
    assert len(previews) == 1
    form.vars["name_km"].set("សុខ សុភា")
    pump(ui)
    assert previews[0].get_text() == "សុខ សុភា"
    assert int(previews[0].grid_info()["row"]) == int(entry.grid_info()["row"]) + 1


def test_no_preview_where_tk_shapes_itself(ui, monkeypatch):
    monkeypatch.setattr(khmer_input, "_shapes", lambda root: True)
    form = Form(ui)
    form.add("name_km", "Name (Khmer)", khmer=True)
    assert not [w for w in form.winfo_children() if isinstance(w, KhmerLabel)]
