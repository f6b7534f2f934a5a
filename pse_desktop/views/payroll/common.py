"""Widgets the payroll screens share: a month chooser, Khmer names in a Treeview, money text."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import _
from ...services.payroll import months as payroll
from ...services.common.errors import PseError
from ...services.common.validate import format_cents
from ..common.khmer import khmer_photo, line_height, style_colors

NAME_PX = 13


def money(cents) -> str:
    return "" if cents is None else format_cents(cents)


def riel(amount) -> str:
    return "" if amount is None else f"{amount:,}"


def try_service(error_label, fn, *args, **kw):
    """Run a service; show a domain error in ``error_label`` and return FAILED."""
    from ..common.base import FAILED

    try:
        result = fn(*args, **kw)
    except PseError as exc:
        error_label.configure(text=str(exc))
        return FAILED
    error_label.configure(text="")
    return result


class MonthBar(tb.Frame):
    """'< [2026-03] >': a month typed as YYYY-MM or stepped with the buttons (or Alt+Left/Right)."""

    def __init__(self, master, on_change, month: dt.date | None = None, **kw):
        super().__init__(master, **kw)
        self.on_change = on_change
        self.month = (month or dt.date.today()).replace(day=1)
        self.var = tb.StringVar(value=self.month.strftime("%Y-%m"))
        tb.Label(self, text=_("Month")).pack(side="left", padx=(0, 6))
        tb.Button(self, text="◀", width=2, bootstyle="secondary-outline",
                  command=lambda: self.step(-1)).pack(side="left")
        self.entry = tb.Entry(self, textvariable=self.var, width=9)
        self.entry.pack(side="left", padx=2)
        tb.Button(self, text="▶", width=2, bootstyle="secondary-outline",
                  command=lambda: self.step(1)).pack(side="left")
        self.label = tb.Label(self, text=payroll.month_label(self.month), bootstyle="secondary")
        self.label.pack(side="left", padx=8)
        self.entry.bind("<Return>", lambda e: self.typed())
        self.entry.bind("<FocusOut>", lambda e: self.typed())

    def typed(self) -> None:
        try:
            month = payroll.parse_month(self.var.get())
        except PseError:
            self.var.set(self.month.strftime("%Y-%m"))
            return
        if month != self.month:
            self.set(month)

    def step(self, count: int) -> None:
        self.set(payroll.add_months(self.month, count))

    def set(self, month: dt.date, notify: bool = True) -> None:
        self.month = month
        self.var.set(month.strftime("%Y-%m"))
        self.label.configure(text=payroll.month_label(month))
        if notify:
            self.on_change(month)


class KhmerNames:
    """Shows a shaped Khmer name as the image of each Treeview row (column #0)."""

    def __init__(self, tree, width: int = 150):
        self.tree = tree
        self.photos: dict[str, object] = {}
        tree.configure(show="tree headings")
        tree.heading("#0", text=_("Khmer name"), anchor="w")
        tree.column("#0", width=width, stretch=False)
        tb.Style().configure("Treeview", rowheight=line_height(NAME_PX) + 2)
        tree.configure(style=tree.cget("style") or "Treeview")

    def set(self, iid: str, name: str) -> None:
        if not name:
            self.tree.item(iid, image="")
            return
        fg = style_colors("Treeview")[0]
        photo = khmer_photo(name, NAME_PX, fg=fg)
        self.photos[iid] = photo
        self.tree.item(iid, image=photo)

    def clear(self) -> None:
        self.photos.clear()
