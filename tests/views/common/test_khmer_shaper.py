"""Khmer labels, buttons, tabs and headings get a shaped image where Tk cannot shape."""

import ttkbootstrap as tb

from pse_desktop.views.common.khmer_shaper import KhmerShaper


def test_khmer_texts_become_shaped_images_and_latin_stays_text(ui, tk_root):
    label = tb.Label(ui, text="ការបម្រុងទុក")
    latin = tb.Button(ui, text="Save")
    nb = tb.Notebook(ui)
    nb.add(tb.Frame(nb), text="កុមារ")
    tree = tb.Treeview(ui, columns=("a", "b"), show="headings")
    tree.heading("a", text="ឈ្មោះ (ខ្មែរ)")
    tree.heading("b", text="Code")
    frame = tb.Labelframe(ui, text="ហាង")
    for w in (label, latin, nb, tree, frame):
        w.pack()
    shaper = KhmerShaper(ui)
    shaper.walk()
    shaper.stop()
    assert str(label.cget("image")) and str(label.cget("compound")) == "image"
    assert label.cget("text") == "ការបម្រុងទុក"  # the text stays for Tk and tests
    assert not str(latin.cget("image"))
    assert str(nb.tab(0, "image"))
    assert tree.heading("a", "text") == "" and tree.khmer_headings["a"] == "ឈ្មោះ (ខ្មែរ)"
    assert tree.heading("b", "text") == "Code"
    assert str(frame.cget("labelwidget"))
    # A text that changes is shaped again; back to Latin, the image goes.
    first = str(label.cget("image"))
    label.configure(text="ថ្ងៃនេះ")
    shaper._walk(ui)
    assert str(label.cget("image")) != first
    label.configure(text="Today")
    shaper._walk(ui)
    assert not str(label.cget("image"))
