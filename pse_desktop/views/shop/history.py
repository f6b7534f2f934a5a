"""Shop history: why a stock level changed (the movements of a product at a location, with the
reason of each and the running balance), past stock counts, day closings, voids and returns."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import _, ngettext
from ...services.common.errors import PseError
from ...services.shop import catalog, history
from ..common.base import Screen
from ..common.commands import Command
from .common import LocationChooser


def _table(master, columns, height=14):
    tree = tb.Treeview(master, columns=[c[0] for c in columns], show="headings", height=height)
    for cid, text, width in columns:
        tree.heading(cid, text=text, anchor="w")
        tree.column(cid, width=width, anchor="w", stretch=cid == columns[-1][0])
    scroll = tb.Scrollbar(master, orient="vertical", command=tree.yview)
    tree.configure(yscrollcommand=scroll.set)
    tree.pack(side="left", fill="both", expand=True)
    scroll.pack(side="left", fill="y")
    return tree


def _fill(tree, rows) -> None:
    tree.delete(*tree.get_children())
    for values in rows:
        tree.insert("", "end", values=["" if v is None else v for v in values])


class ShopHistoryScreen(Screen):
    title = "Shop history"
    commands = (Command("refresh", "refresh"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.location = None
        top = tb.Frame(self)
        top.pack(fill="x")
        self.chooser = LocationChooser(top, ctx, self.set_location)
        self.chooser.pack(side="left")
        self.notebook = tb.Notebook(self)
        self.notebook.pack(fill="both", expand=True, pady=(8, 0))

        moves = tb.Frame(self.notebook, padding=8)
        self.notebook.add(moves, text=_("Stock movements"))
        row = tb.Frame(moves)
        row.pack(fill="x")
        tb.Label(row, text=_("Product code or barcode")).pack(side="left")
        self.code_var = tb.StringVar()
        self.code = tb.Entry(row, textvariable=self.code_var, width=18)
        self.code.pack(side="left", padx=4)
        self.code.bind("<Return>", lambda e: self.show_moves())
        self.find_field = self.code
        tb.Button(row, text=_("Show"), bootstyle="primary", command=self.show_moves).pack(
            side="left")
        self.moves_info = tb.Label(moves, text=_("Type a product code to see why its stock "
                                                 "changed here."), bootstyle="secondary",
                                   wraplength=600, justify="left")
        self.moves_info.pack(anchor="w", pady=4)
        holder = tb.Frame(moves)
        holder.pack(fill="both", expand=True)
        self.moves = _table(holder, [("at", _("When"), 130), ("kind", _("Movement"), 90),
                                     ("qty", _("Quantity"), 70), ("balance", _("Stock after"), 80),
                                     ("user", _("By"), 80), ("reason", _("Reason"), 260)])

        counts = tb.Frame(self.notebook, padding=8)
        self.notebook.add(counts, text=_("Stock counts"))
        self.counts = _table(counts, [("started", _("Started"), 130), ("state", _("State"), 70),
                                      ("posted", _("Posted"), 130), ("user", _("By"), 80),
                                      ("lines", _("Lines"), 55), ("counted", _("Counted"), 65),
                                      ("diff", _("Difference"), 80), ("note", _("Note"), 160)])
        closings = tb.Frame(self.notebook, padding=8)
        self.notebook.add(closings, text=_("Day closings"))
        self.closings = _table(closings, [("day", _("Day"), 90), ("user", _("By"), 80),
                                          ("expected", _("Cash expected"), 170),
                                          ("counted", _("Cash counted"), 170),
                                          ("diff", _("Over / short"), 110), ("note", _("Note"), 150)])
        fixes = tb.Frame(self.notebook, padding=8)
        self.notebook.add(fixes, text=_("Voids and returns"))
        self.fixes = _table(fixes, [("no", _("Number"), 90), ("kind", _("Kind"), 60),
                                    ("original", _("Of sale"), 90), ("at", _("When"), 130),
                                    ("total", _("Total"), 90), ("user", _("By"), 80),
                                    ("reason", _("Reason"), 200)])

    def on_show(self) -> None:
        self.chooser.reload()

    def set_location(self, location) -> None:
        self.location = location
        self.refresh()

    def refresh(self) -> None:
        if self.location is None:
            return
        actor, loc = self.ctx.actor, self.location.id
        try:
            counts = history.past_counts(actor, loc)
            closings = history.past_closings(actor, loc)
            fixes = history.voids_and_returns(actor, loc)
        except PseError as exc:
            self.ctx.status(str(exc), True)
            return
        _fill(self.counts, [(f"{c.started_at:%Y-%m-%d %H:%M}", _(c.state),
                             f"{c.posted_at:%Y-%m-%d %H:%M}" if c.posted_at else "", c.user,
                             c.lines, c.counted, f"{c.difference:+d}", c.note) for c in counts])
        _fill(self.closings, [(r.day.isoformat(), r.user, r.expected, r.counted, r.difference,
                               r.note) for r in closings])
        _fill(self.fixes, [(r.number, _(r.kind), r.original, f"{r.at:%Y-%m-%d %H:%M}", r.total,
                            r.user, r.reason) for r in fixes])
        if self.code_var.get().strip():
            self.show_moves()

    def show_moves(self):
        """The movements of the typed product here, oldest first, with the stock after each."""
        if self.location is None:
            return None
        variant = catalog.find_variant(self.code_var.get().strip())
        if variant is None:
            self.moves_info.configure(text=_("No product with this code or barcode."),
                                      bootstyle="danger")
            _fill(self.moves, [])
            return None
        try:
            rows = history.movements(self.ctx.actor, variant.id, self.location.id)
        except PseError as exc:
            self.ctx.status(str(exc), True)
            return None
        _fill(self.moves, [(f"{r.at:%Y-%m-%d %H:%M}", _(r.kind), f"{r.quantity:+d}", r.balance,
                            r.user, r.reason) for r in rows])
        if rows:
            self.moves.see(self.moves.get_children()[-1])
        self.moves_info.configure(
            text=ngettext("{code}: {n} movement here; stock now {balance}.",
                          "{code}: {n} movements here; stock now {balance}.", len(rows)).format(
                code=variant.code, n=len(rows), balance=rows[-1].balance if rows else 0),
            bootstyle="secondary")
        return rows
