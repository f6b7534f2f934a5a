"""Flow: a row of controls that wraps onto more lines when it is narrow."""

from __future__ import annotations


def _row(ui, width):
    import ttkbootstrap as tb

    from pse_desktop.views.common.flow import Flow

    holder = tb.Frame(ui, width=width, height=300)
    holder.pack(anchor="nw")
    holder.pack_propagate(False)
    row = Flow(holder)
    row.pack(fill="x")
    buttons = [tb.Button(row, text=f"A rather long button {i}") for i in range(4)]
    row.add(*buttons)
    ui.update()
    return row, buttons


def test_a_wide_row_is_one_line(tk_root, ui):
    tk_root.geometry("1200x760")
    row, buttons = _row(ui, 1100)
    assert len({b.winfo_y() for b in buttons}) == 1
    assert row.winfo_height() == max(b.winfo_height() for b in buttons)


def test_a_narrow_row_wraps_and_keeps_every_button_whole(tk_root, ui):
    tk_root.geometry("1200x760")
    row, buttons = _row(ui, 260)
    assert len({b.winfo_y() for b in buttons}) == 4  # one button a line
    for b in buttons:
        assert b.winfo_width() == b.winfo_reqwidth()
        assert b.winfo_x() + b.winfo_width() <= row.winfo_width()
        assert b.winfo_y() + b.winfo_height() <= row.winfo_height()


def test_a_row_built_with_pack_is_adopted_in_order(tk_root, ui):
    import ttkbootstrap as tb

    from pse_desktop.views.common.flow import Flow

    row = Flow(ui)
    row.pack(fill="x")
    first = tb.Button(row, text="First")
    first.pack(side="left")
    second = tb.Label(row, text="Second")
    second.pack(side="left")
    row.adopt()
    ui.update()
    assert row.items == [first, second]
    assert not row.pack_slaves()
    assert first.winfo_x() < second.winfo_x()
