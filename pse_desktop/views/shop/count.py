"""Stock count: print the sheet, type the counted quantities, see the variance, post it."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.shop import count as shop_count, docs as shop_docs
from ..common.base import FAILED, Screen, call_service
from .common import LocationChooser, opener


class StockCountScreen(Screen):
    title = N_("Stock count")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.location = None
        self.count_id = None
        top = tb.Frame(self)
        top.pack(fill="x")
        self.chooser = LocationChooser(top, ctx, self.set_location)
        self.chooser.pack(side="left")
        self.start_button = tb.Button(top, text=_("Start a count"), command=self.start)
        self.start_button.pack(side="left", padx=8)
        actions = tb.Frame(self)
        actions.pack(fill="x", pady=(8, 0))
        top = actions
        self.sheet_button = tb.Button(top, text=_("Count sheet PDF"), bootstyle="secondary",
                                      command=lambda: self.pdf(False))
        self.sheet_button.pack(side="left")  # the first of the open count's actions
        self.variance_button = tb.Button(top, text=_("Variance PDF"), bootstyle="secondary",
                                         command=lambda: self.pdf(True))
        self.variance_button.pack(side="left", padx=4)
        self.post_button = tb.Button(top, text=_("Post adjustments"), bootstyle="danger",
                                     command=self.post)
        self.post_button.pack(side="left", padx=4)
        self.cancel_button = tb.Button(top, text=_("Cancel count"), bootstyle="secondary-outline",
                                       command=self.cancel)
        self.cancel_button.pack(side="left")
        tb.Label(self, text=_("Choose a line, type the counted number and press Enter; "
                              "the next line is chosen.")).pack(anchor="w", pady=(10, 2))
        entry_bar = tb.Frame(self)
        entry_bar.pack(fill="x")
        self.counted_var = tb.StringVar()
        self.counted_entry = tb.Entry(entry_bar, textvariable=self.counted_var, width=10,
                                      font=("TkDefaultFont", 13))
        self.counted_entry.pack(side="left")
        self.counted_entry.bind("<Return>", lambda e: self.enter())
        self.counted_entry.bind("<Up>", lambda e: self.move(-1))
        self.counted_entry.bind("<Down>", lambda e: self.move(1))
        self.error = tb.Label(entry_bar, text="", bootstyle="danger")
        self.error.pack(side="left", padx=8)
        cols = [("code", _("Code"), 110), ("name", _("Product"), 260), ("ledger", _("Ledger"), 70),
                ("counted", _("Counted"), 90), ("variance", _("Variance"), 90)]
        self.tree = tb.Treeview(self, columns=[c[0] for c in cols], show="headings", height=16,
                                selectmode="browse")
        for cid, text, width in cols:
            self.tree.heading(cid, text=text, anchor="w")
            self.tree.column(cid, width=width, stretch=cid == "name", anchor="w")
        self.tree.pack(fill="both", expand=True, pady=6)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self.counted_entry.focus_set())

    def on_show(self) -> None:
        self.chooser.reload()

    def set_location(self, loc) -> None:
        self.location = loc
        self.count_id = shop_count.open_count(loc.id)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.tree.delete(*self.tree.get_children())
        has = self.count_id is not None
        for button in (self.sheet_button, self.variance_button, self.post_button,
                       self.cancel_button):
            button.configure(state="normal" if has else "disabled")
        self.start_button.configure(state="disabled" if has else "normal")
        if not has:
            return
        for ln in shop_count.count_sheet(self.count_id).lines:
            self.tree.insert("", "end", iid=str(ln.variant_id), values=(
                ln.code, ln.name, ln.expected, "" if ln.counted is None else ln.counted,
                "" if ln.variance is None else f"{ln.variance:+d}"))
        children = self.tree.get_children()
        if children:
            iid = select if select in children else children[0]
            self.tree.selection_set(iid)
            self.tree.see(iid)

    def start(self) -> None:
        result = call_service(None, shop_count.start_count, self.ctx.actor, self.location.id)
        if result is FAILED:
            self.error.configure(text=_("A count is already open here."))
            return
        self.count_id = result
        self.refresh()
        self.counted_entry.focus_set()

    def move(self, step: int) -> str:
        children = list(self.tree.get_children())
        sel = self.tree.selection()
        if children:
            index = children.index(sel[0]) + step if sel else 0
            iid = children[max(0, min(len(children) - 1, index))]
            self.tree.selection_set(iid)
            self.tree.see(iid)
        return "break"

    def enter(self) -> str:
        sel = self.tree.selection()
        if not sel or self.count_id is None:
            return "break"
        try:
            shop_count.enter_counts(self.ctx.actor, self.count_id, {int(sel[0]): self.counted_var.get()})
        except Exception as exc:  # a domain error: shown beside the entry
            self.error.configure(text=getattr(exc, "message", str(exc)))
            return "break"
        self.error.configure(text="")
        self.counted_var.set("")
        children = list(self.tree.get_children())
        nxt = children[min(children.index(sel[0]) + 1, len(children) - 1)]
        self.refresh(select=nxt)
        return "break"

    def pdf(self, variance: bool) -> None:
        folder = shop_docs.documents_folder(self.ctx.target, "stock-counts")
        path = folder / f"count-{self.count_id}-{'variance' if variance else 'sheet'}.pdf"
        shop_count.write_sheet(self.count_id, path, variance)
        opener(self.ctx)(path)
        self.ctx.status(_("Saved {path}").format(path=path))

    def post(self) -> None:
        if not self.ctx.confirm(self, _("Post the count"),
                                _("Write the adjustments of every counted line into the stock? "
                                  "This cannot be undone (a new count corrects it).")):
            return
        result = call_service(None, shop_count.post_count, self.ctx.actor, self.count_id)
        if result is FAILED:
            self.error.configure(text=_("Enter at least one counted quantity."))
            return
        self.ctx.status(ngettext("{n} adjustment posted.",
                                 "{n} adjustments posted.", result).format(n=result))
        self.count_id = None
        self.refresh()

    def cancel(self) -> None:
        if self.ctx.confirm(self, _("Cancel the count"), _("Forget this count?")):
            shop_count.cancel_count(self.ctx.actor, self.count_id)
            self.count_id = None
            self.refresh()
