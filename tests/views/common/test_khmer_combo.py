"""Drop-down lists holding Khmer: the choice shown shaped, the list a menu of shaped entries."""

import tkinter

import ttkbootstrap as tb

from pse_desktop.views.common.khmer_combo import KhmerCombo

CHOICES = ["", "ផ្ទះខ្លួនឯង", "ជួល", "Rented (English)"]


def _combo(ui, tk_root, **kw):
    combo = tb.Combobox(ui, values=CHOICES, state="readonly", width=20, **kw)
    combo.pack()
    tk_root.update()
    keeper = KhmerCombo.attach(combo)
    tk_root.update()
    return combo, keeper


def _shown(keeper):
    label = keeper.label
    return label.khmer_text if label is not None and label.winfo_manager() else None


def test_the_choice_is_shown_shaped_and_follows_every_change(ui, tk_root):
    combo, keeper = _combo(ui, tk_root)
    assert _shown(keeper) is None  # empty: nothing to shape
    combo.current(1)
    tk_root.update_idletasks()
    assert _shown(keeper) == "ផ្ទះខ្លួនឯង" and str(keeper.label.cget("image"))
    combo.set("ជួល")
    tk_root.update_idletasks()
    assert _shown(keeper) == "ជួល"
    combo.set("Rented (English)")  # Latin: Tk draws it right, the overlay goes
    tk_root.update_idletasks()
    assert _shown(keeper) is None
    # the field's overlay stops before the arrow button
    combo.current(2)
    tk_root.update()
    assert keeper.label.winfo_x() + keeper.label.winfo_width() < combo.winfo_width() - 8


def test_a_value_set_through_the_variable_is_followed_too(ui, tk_root):
    var = tkinter.StringVar(master=tk_root)
    combo, keeper = _combo(ui, tk_root, textvariable=var)
    var.set("ជួល")
    tk_root.update_idletasks()
    assert _shown(keeper) == "ជួល"


def test_the_list_is_a_menu_of_shaped_entries_and_choosing_tells_the_screen(ui, tk_root):
    combo, keeper = _combo(ui, tk_root)
    chosen = []
    combo.bind("<<ComboboxSelected>>", lambda e: chosen.append(combo.get()))
    menu = keeper.build_menu()
    assert menu.index("end") == len(CHOICES) - 1
    assert str(menu.entrycget(1, "image")) and not str(menu.entrycget(3, "image"))
    assert menu.entrycget(1, "label") == "ផ្ទះខ្លួនឯង"
    menu.invoke(2)
    tk_root.update()
    assert combo.get() == "ជួល" and chosen == ["ជួល"]
    assert _shown(keeper) == "ជួល"


def test_a_press_opens_the_shaped_list_only_when_there_is_khmer_to_shape(ui, tk_root, monkeypatch):
    combo, keeper = _combo(ui, tk_root)
    posted = []
    monkeypatch.setattr(keeper, "post", lambda: posted.append(1))
    assert keeper._on_press() == "break" and posted == [1]
    combo.configure(values=["a", "b"])
    assert keeper._on_press() is None and posted == [1]  # Tk's own list
    combo.configure(values=CHOICES, state="disabled")
    assert keeper._on_press() is None


def test_a_destroyed_combobox_leaves_no_command_behind(ui, tk_root):
    combo, keeper = _combo(ui, tk_root)
    path = str(combo)
    combo.destroy()
    tk_root.update()
    assert not tk_root.tk.call("info", "commands", path)
    assert not tk_root.tk.call("info", "commands", keeper.orig)
