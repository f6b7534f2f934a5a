"""Fields holding Khmer: shaped over the field when not typed in, a floating preview while typed."""

import tkinter

import ttkbootstrap as tb

from pse_desktop.views.common.khmer_fields import KhmerField


def _cover(keeper):
    label = keeper.label
    return label.khmer_text if label is not None and label.winfo_manager() else None


def _preview(keeper):
    popup = keeper.popup
    return popup.khmer_text if popup is not None and popup.winfo_ismapped() else None


def _entry(ui, tk_root, **kw):
    var = tkinter.StringVar(master=tk_root)
    entry = tb.Entry(ui, textvariable=var, width=30, **kw)
    other = tb.Entry(ui)
    entry.pack()
    other.pack()
    tk_root.update()
    keeper = KhmerField.attach(entry)
    tk_root.update()
    return entry, other, var, keeper


def test_an_entry_not_typed_in_shows_its_khmer_shaped_over_it(ui, tk_root):
    entry, other, var, keeper = _entry(ui, tk_root)
    other.focus_force()
    var.set("សុខ សុភា")
    tk_root.update()
    assert _cover(keeper) == "សុខ សុភា" and str(keeper.label.cget("image"))
    assert _preview(keeper) is None
    entry.delete(0, "end")
    entry.insert(0, "Sok Sophea")  # Latin: Tk draws it right
    tk_root.update_idletasks()
    assert _cover(keeper) is None


def test_typing_shows_a_floating_preview_under_the_field_and_no_cover(ui, tk_root):
    entry, other, var, keeper = _entry(ui, tk_root)
    entry.focus_force()
    tk_root.update()
    entry.insert("end", "ស្រី")
    tk_root.update()
    assert _cover(keeper) is None  # the field is Tk's own while typing (cursor, selection)
    assert _preview(keeper) == "ស្រី"
    popup = keeper.popup
    assert popup.winfo_rooty() >= entry.winfo_rooty() + entry.winfo_height()
    entry.insert("end", "ពៅ")
    tk_root.update()
    assert _preview(keeper) == "ស្រីពៅ"
    other.focus_force()
    tk_root.update()
    assert _preview(keeper) is None and _cover(keeper) == "ស្រីពៅ"


def test_a_click_on_the_cover_starts_typing(ui, tk_root):
    entry, other, var, keeper = _entry(ui, tk_root)
    other.focus_force()
    var.set("ចាន់ ធីតា")
    tk_root.update()
    keeper.label.event_generate("<Button-1>", x=3, y=3)
    tk_root.update()
    assert str(tk_root.focus_get()) == str(entry) and entry.index("insert") == len("ចាន់ ធីតា")
    assert _cover(keeper) is None


def test_password_fields_and_fields_with_their_own_preview_are_left_alone(ui, tk_root):
    entry, other, var, keeper = _entry(ui, tk_root, show="*")
    var.set("ពាក្យសម្ងាត់")
    tk_root.update()
    assert _cover(keeper) is None
    named, _other, var2, keeper2 = _entry(ui, tk_root)
    named.khmer_preview = object()
    named.focus_force()
    var2.set("សុខ")
    tk_root.update()
    assert _preview(keeper2) is None


def test_a_text_box_is_covered_and_previews_the_paragraph_being_typed(ui, tk_root):
    text = tkinter.Text(ui, height=4, width=40)
    other = tb.Entry(ui)
    text.pack()
    other.pack()
    tk_root.update()
    keeper = KhmerField.attach(text)
    text.insert("1.0", "Met the mother.\nម្តាយបានមកជួប")
    other.focus_force()
    tk_root.update()
    assert _cover(keeper) == "Met the mother.\nម្តាយបានមកជួប"
    text.focus_force()
    text.mark_set("insert", "2.3")
    tk_root.update()
    assert _preview(keeper) == "ម្តាយបានមកជួប" and _cover(keeper) is None
    text.mark_set("insert", "1.2")  # a Latin line: nothing to preview
    tk_root.update()
    assert _preview(keeper) is None


def test_the_window_destroys_the_preview_with_the_field(ui, tk_root):
    entry, other, var, keeper = _entry(ui, tk_root)
    entry.focus_force()
    entry.insert(0, "ស")
    tk_root.update()
    popup = keeper.popup
    entry.destroy()
    tk_root.update()
    assert not popup.winfo_exists()
