"""Shaped overlays on the Khmer cells of a table, kept on the right rows whatever happens."""

import ttkbootstrap as tb

from pse_desktop.views.common.khmer_cells import KhmerCells

NAMES = ["សុខ សុភា", "ចាន់ ស្រីនាង", "ហេង ដារ៉ា", "គឹម ស្រីពៅ", "ស្រី មុំ", "ពេជ្រ ចន្ទ្រា"]


def _table(ui, tk_root, rows=60, height=8):
    tree = tb.Treeview(ui, columns=("code", "name", "status"), show="headings", height=height)
    for col in ("code", "name", "status"):
        tree.heading(col, text=col)
    tree.column("status", anchor="e")
    for n in range(rows):
        tree.insert("", "end", iid=f"r{n}",
                    values=(f"C{n:03d}", f"{NAMES[n % len(NAMES)]} {n}", "មក" if n % 2 else "Present"))
    tree.pack()
    tk_root.update()
    cells = KhmerCells.attach(tree)
    tk_root.update()
    return tree, cells


def _overlays(cells):
    return [lb for lb in cells.labels if lb.winfo_manager() and lb.khmer_text]


def _row_under(tree, label):
    return tree.identify_row(label.winfo_y() + label.winfo_height() // 2)


def _check_every_overlay_matches_its_row(tree, cells):
    shown = _overlays(cells)
    assert shown
    for label in shown:
        iid = _row_under(tree, label)
        assert iid, "an overlay floats where there is no row"
        assert label.khmer_text in tree.item(iid, "values"), (label.khmer_text, iid)
        assert str(label.cget("image"))


def test_khmer_cells_get_a_shaped_overlay_and_latin_cells_none(ui, tk_root):
    tree, cells = _table(ui, tk_root)
    _check_every_overlay_matches_its_row(tree, cells)
    texts = {lb.khmer_text for lb in _overlays(cells)}
    assert "Present" not in texts and not any(t.startswith("C0") for t in texts)
    visible = cells.visible_rows()
    # every visible row has its name covered, and every odd row its Khmer status
    bottom = cells._content_bottom()
    khmer_cells = sum(1 + (int(iid[1:]) % 2) for iid, (_x, y, _w, h) in visible
                      if min(h, bottom - y) >= 6)  # a sliver of a row at the bottom: none
    assert len(_overlays(cells)) == khmer_cells
    # the rows grew to hold Khmer stacks
    from pse_desktop.views.common.khmer import line_height
    assert visible[0][1][3] >= line_height(cells._look(False)[2])


def test_overlays_follow_scrolling_changes_and_deletions_before_the_next_draw(ui, tk_root):
    tree, cells = _table(ui, tk_root)
    tree.yview_moveto(0.5)
    tk_root.update_idletasks()  # the redraw comes after the idle refresh
    _check_every_overlay_matches_its_row(tree, cells)
    top = cells.visible_rows()[0][0]
    tree.item(top, values=("X", "ថ្មី", "Absent"))
    tk_root.update_idletasks()
    assert [lb.khmer_text for lb in _overlays(cells) if _row_under(tree, lb) == top] == ["ថ្មី"]
    tree.set(top, "name", "Latin now")
    tk_root.update_idletasks()
    assert not [lb for lb in _overlays(cells) if _row_under(tree, lb) == top]
    tree.delete(*tree.get_children())
    tk_root.update_idletasks()
    assert _overlays(cells) == []


def test_errors_and_results_of_the_table_pass_through_the_wrapper(ui, tk_root):
    import tkinter

    import pytest

    tree, _cells = _table(ui, tk_root, rows=3)
    assert tree.set("r1", "code") == "C001"
    assert tree.exists("r2") and not tree.exists("nope")
    with pytest.raises(tkinter.TclError, match="nope"):
        tree.item("nope", values=("a",))


def test_a_click_on_an_overlay_selects_its_row_and_the_row_colours_follow(ui, tk_root):
    tree, cells = _table(ui, tk_root)
    target = cells.visible_rows()[2][0]
    label = next(lb for lb in _overlays(cells) if _row_under(tree, lb) == target)
    plain_bg = str(label.cget("background"))
    label.event_generate("<ButtonPress-1>", x=5, y=5)
    label.event_generate("<ButtonRelease-1>", x=5, y=5)
    tk_root.update()
    assert tree.selection() == (target,)
    label = next(lb for lb in _overlays(cells) if _row_under(tree, lb) == target)
    assert str(label.cget("background")) != plain_bg  # drawn in the selection's colour


def test_a_double_click_on_an_overlay_reaches_the_tables_binding(ui, tk_root):
    tree, cells = _table(ui, tk_root)
    opened = []
    tree.bind("<Double-1>", lambda e: opened.append(tree.identify_row(e.y)))
    target = cells.visible_rows()[1][0]
    label = next(lb for lb in _overlays(cells) if _row_under(tree, lb) == target)
    for _ in range(2):
        label.event_generate("<ButtonPress-1>", x=5, y=5, time=1000)
        label.event_generate("<ButtonRelease-1>", x=5, y=5, time=1000)
    tk_root.update()
    assert opened == [target]


def test_a_destroyed_table_leaves_no_command_behind(ui, tk_root):
    tree, cells = _table(ui, tk_root, rows=3)
    path = str(tree)
    tree.destroy()
    tk_root.update()
    assert not tk_root.tk.call("info", "commands", path)
    assert not tk_root.tk.call("info", "commands", cells.orig)


def test_a_row_tags_colours_and_the_tables_bottom_edge_are_kept(ui, tk_root):
    tree, cells = _table(ui, tk_root, rows=40, height=5)
    tree.tag_configure("late", foreground="#cc0000")
    tree.item("r1", tags=("late",))
    tk_root.update()
    late = next(lb for lb in _overlays(cells) if _row_under(tree, lb) == "r1")
    plain = next(lb for lb in _overlays(cells) if _row_under(tree, lb) == "r3")
    assert cells._look(False, cells._row_colors("r1"))[0] == "#cc0000"
    assert str(late.cget("image")) != str(plain.cget("image")) or late.khmer_text != plain.khmer_text
    for label in _overlays(cells):  # nothing drawn over the border or below the table
        assert label.winfo_y() + label.winfo_height() <= cells._content_bottom()
