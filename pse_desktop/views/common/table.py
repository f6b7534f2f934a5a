"""Table helpers of the screen kit: headings that sort when clicked, and a right-click menu
that copies a row."""

from __future__ import annotations

import datetime as dt
import re
import tkinter as tk

from decimal import Decimal

from babel.numbers import get_decimal_symbol

from ...i18n import _, locale_name

#: What a number shown in a table may carry around it: currency signs, percent, spaces.
_DECORATION = re.compile(r"US\$|\$US|KHR|[$€៛%\s\u00a0\u202f]")


def _number(text: str) -> Decimal | None:
    """The value of a number as the current language writes it ('$1,200.50', '1 200,50 $US',
    '2,6 %'), or None when the text is not a number."""
    core = _DECORATION.sub("", text)
    if get_decimal_symbol(locale_name()) == ",":
        core = core.replace(".", "").replace(",", ".")
    else:
        core = core.replace(",", "")
    if re.fullmatch(r"[-+]?\d+(\.\d+)?", core):
        return Decimal(core)
    return None


def sort_key(text: str):
    """Numbers (money, percentages) by value, dates by date, the rest by text."""
    text = str(text).strip()
    number = _number(text) if len(text) < 40 else None
    if number is not None:
        return (0, number, "")
    try:
        return (1, dt.date.fromisoformat(text[:10]).toordinal(), "")
    except ValueError:
        return (2, 0, text.casefold())


def make_sortable(tree) -> None:
    """Clicking a heading sorts the rows shown by that column; clicking again reverses."""
    state = {"column": None, "reverse": False}
    headings = {cid: tree.heading(cid, "text") for cid in tree["columns"]}

    def sort(cid):
        reverse = state["column"] == cid and not state["reverse"]
        state.update(column=cid, reverse=reverse)
        rows = [(sort_key(tree.set(iid, cid)), iid) for iid in tree.get_children("")]
        rows.sort(reverse=reverse)
        for index, (_key, iid) in enumerate(rows):
            tree.move(iid, "", index)
        for other, text in headings.items():
            arrow = (" ▼" if reverse else " ▲") if other == cid else ""
            tree.heading(other, text=text + arrow)

    for cid in tree["columns"]:
        tree.heading(cid, command=lambda c=cid: sort(c))
    tree.sort_by = sort


def add_copy_menu(tree) -> None:
    """Right-click on a row: copy it (tab-separated, for a spreadsheet)."""
    menu = tk.Menu(tree, tearoff=False)

    def copy():
        rows = ["\t".join(str(v) for v in tree.item(iid, "values"))
                for iid in tree.selection()]
        if rows:
            tree.clipboard_clear()
            tree.clipboard_append("\n".join(rows))

    menu.add_command(label=_("Copy"), command=copy)

    def popup(event):
        row = tree.identify_row(event.y)
        if row:
            if row not in tree.selection():
                tree.selection_set(row)
            menu.tk_popup(event.x_root, event.y_root)

    tree.bind("<Button-3>", popup, add="+")
    tree.copy_rows = copy


def equip_tables(widget) -> None:
    """Give every table under ``widget`` sortable headings and the copy menu (once each)."""
    for child in widget.winfo_children():
        if child.winfo_class() == "Treeview" and not hasattr(child, "sort_by"):
            if str(child.cget("show")).find("headings") >= 0 and child["columns"]:
                make_sortable(child)
                add_copy_menu(child)
        equip_tables(child)
