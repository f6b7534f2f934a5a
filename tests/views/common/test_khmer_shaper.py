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
    tk_root.update()  # hidden widgets are skipped: they are shaped when mapped
    shaper = KhmerShaper(ui)
    shaper.walk()
    shaper.stop()
    shaper._theme = "same"
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


def test_a_widget_that_appears_is_shaped_when_mapped(ui, tk_root):
    shaper = KhmerShaper(tk_root).start()
    try:
        late = tb.Label(ui, text="ស្តុក")
        tk_root.update()
        assert not str(late.cget("image"))  # not shown yet: left alone
        late.pack()
        tk_root.update()
        tk_root.update()
        assert str(late.cget("image"))
    finally:
        shaper.stop()
        tk_root.unbind_all("<Map>")


def test_a_long_khmer_message_wraps_to_the_labels_wraplength(ui, tk_root):
    from pse_desktop.views.common.khmer import line_height, wrap_lines

    text = ("មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេមូលដ្ឋានទិន្នន័យរួមបានទេ៖ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។ "
            "អ្វីដែលអ្នកបានវាយនៅលើអេក្រង់នៅឡើយ៖ សូមពិនិត្យការតភ្ជាប់បណ្តាញ ឬ VPN")
    wrapped = tb.Label(ui, text=text, wraplength=300)
    single = tb.Label(ui, text=text)
    wrapped.pack()
    single.pack()
    tk_root.update()
    shaper = KhmerShaper(ui)
    shaper.walk()
    shaper.stop()
    lines = wrap_lines(text, 300, 13)
    assert len(lines) >= 3 and " ".join(lines) == " ".join(text.split())
    tk_root.update()
    assert wrapped.winfo_reqwidth() <= 300 + 20 < single.winfo_reqwidth()
    assert wrapped.winfo_reqheight() >= 3 * line_height(10)


def test_a_khmer_text_of_several_lines_keeps_its_lines(ui, tk_root):
    from pse_desktop.views.common.khmer import line_height

    label = tb.Label(ui, text="ការលក់៖ 12\nការប្រគល់ត្រឡប់៖ 0\nសរុប៖ 119.00$")
    label.pack()
    tk_root.update()
    shaper = KhmerShaper(ui)
    shaper.walk()
    shaper.stop()
    photo = shaper._photos[f"{label}|text"]
    assert photo.height() >= 3 * line_height(13) - 2


def test_menu_entries_and_the_menu_bar_show_shaped_khmer(ui, tk_root):
    import tkinter

    bar = tkinter.Menu(ui, tearoff=False)
    sub = tkinter.Menu(bar, tearoff=False)
    sub.add_command(label="កែសម្រួល", accelerator="Ctrl+E")
    sub.add_separator()
    sub.add_command(label="Copy")
    sub.add_command(label="បោះពុម្ព", state="disabled")
    bar.add_cascade(label="រោងជាង", menu=sub)
    shaper = KhmerShaper(ui)
    shaper.walk()
    shaper.stop()
    assert str(bar.entrycget(0, "image")) and str(bar.entrycget(0, "compound")) == "none"
    assert bar.entrycget(0, "label") == "រោងជាង"  # the label stays, for tests and keys
    assert str(sub.entrycget(0, "image")) and not str(sub.entrycget(2, "image"))
    assert str(sub.entrycget(3, "image")) != str(sub.entrycget(0, "image"))
    first = str(sub.entrycget(0, "image"))
    sub.entryconfigure(0, label="ថ្មី")
    shaper._walk(ui)
    assert str(sub.entrycget(0, "image")) != first


def test_a_disabled_button_has_its_own_image_in_the_disabled_colour(ui, tk_root):
    button = tb.Button(ui, text="រក្សាទុក", bootstyle="primary", state="disabled")
    button.pack()
    tk_root.update()
    shaper = KhmerShaper(ui)
    shaper.walk()
    shaper.stop()
    spec = button.tk.splitlist(button.cget("image"))
    assert len(spec) == 3 and str(spec[1]) == "disabled" and str(spec[0]) != str(spec[2])
