"""Rice stock: what the store and each centre hold, receiving rice, moving it to a centre,
counting it; the movements; and the reports (kilograms handed out per month and centre, families
served, cost, attendance above the threshold) with a chart and the month's export."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _, ngettext
from ...services.common.errors import PseError
from ...services.core.permissions import can
from ...services.rice import reports, stock
from ...services.rice.rules import kg
from ..common.base import Form, Screen
from ..common.chart import Chart, Series


class RiceStockScreen(Screen):
    title = N_("Rice stock")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.message = self.message_line  # the kit's message line, beside the title
        tabs = tb.Notebook(self)
        tabs.pack(fill="both", expand=True)
        stock_tab = tb.Frame(tabs, padding=4)
        report_tab = tb.Frame(tabs, padding=4)
        tabs.add(stock_tab, text=_("Stock"))
        tabs.add(report_tab, text=_("Reports"))
        left = tb.Frame(stock_tab)
        left.pack(side="left", fill="both", expand=True)
        self.places = self._tree(left, [("place", _("Place"), 90), ("kg", _("Stock"), 100)], 4)
        self.moves = self._tree(left, [("day", _("Date"), 100), ("place", _("Place"), 60),
                                       ("kind", _("What"), 90), ("kg", _("Kilograms"), 90),
                                       ("detail", _("Detail"), 170)], 7)
        side = tb.Frame(stock_tab, padding=(10, 0, 0, 0))
        side.pack(side="left", fill="y")
        form = self.form = Form(side, stacked=True, wrap=180)
        form.pack(fill="x")
        self.codes = [p.code for p in stock.balances(ctx.actor)]
        form.add("place", _("Centre (to, or counted)"), tb.Combobox, state="readonly",
                 values=self.codes, width=10)
        form.add("kilograms", _("Kilograms"), width=10)
        form.add("supplier", _("Supplier (received)"), width=22)
        form.add("price per kilogram", _("Riel a kilogram (received)"), width=8)
        row = tb.Frame(side)
        row.pack(fill="x", pady=4)
        self.buttons = []
        for text, command in ((_("Received at the store"), self.receive),
                              (_("Send to the centre"), self.transfer),
                              (_("Counted"), self.count)):
            b = tb.Button(row, text=text, bootstyle="secondary", command=command)
            b.pack(fill="x", pady=(0, 4))
            self.buttons.append(b)
        if not can(ctx.actor, "rice.stock"):
            for b in self.buttons:
                b.configure(state="disabled")
        bar = tb.Frame(report_tab)
        bar.pack(fill="x")
        tb.Label(bar, text=_("Year")).pack(side="left")
        self.year_var = tb.StringVar(value=str(self.today.year))
        tb.Spinbox(bar, textvariable=self.year_var, from_=2000, to=2100, width=6,
                   command=self.show_report).pack(side="left", padx=4)
        tb.Label(bar, text=_("Export month (YYYY-MM)")).pack(side="left", padx=(8, 0))
        self.export_var = tb.StringVar(value=f"{self.today:%Y-%m}")
        tb.Entry(bar, textvariable=self.export_var, width=8).pack(side="left", padx=4)
        tb.Button(bar, text=_("Export"), bootstyle="secondary-outline",
                  command=self.export).pack(side="left")
        self.chart = Chart(report_tab, height=150)
        self.chart.pack(fill="x", pady=4)
        self.report = self._tree(report_tab, [("month", _("Month"), 70), ("centre", _("Centre"), 60),
                                              ("families", _("Families"), 70),
                                              ("served", _("Served"), 60), ("kg", _("Handed out"), 90),
                                              ("cost", _("Cost KHR"), 100),
                                              ("above", _("Attendance ok"), 100)], 6)
        self.reload()
        self.show_report()

    @staticmethod
    def _tree(master, cols, height):
        tree = tb.Treeview(master, columns=[c[0] for c in cols], show="headings", height=height)
        for cid, text, width in cols:
            tree.heading(cid, text=text, anchor="w")
            tree.column(cid, width=width, stretch=cid == cols[-1][0])
        tree.pack(fill="both", expand=True, pady=(0, 4))
        return tree

    def _say(self, text: str, style: str = "default") -> None:
        self.ctx.status(text, style == "danger")  # the message line, then the shared status
        if style not in ("danger", "success"):
            self.message.configure(bootstyle=style)

    def reload(self) -> None:
        self.places.delete(*self.places.get_children())
        self.moves.delete(*self.moves.get_children())
        for p in stock.balances(self.ctx.actor):
            self.places.insert("", "end", values=(place_name(p.code), kg(p.grams)))
        for m in stock.moves(self.ctx.actor, limit=200):
            self.moves.insert("", "end", values=(format_date(m.day), place_name(m.place), _(m.kind),
                                                 kg(m.grams), m.detail))

    def _centre_id(self):
        code = self.form.values()["place"]
        return next((p.centre_id for p in stock.balances(self.ctx.actor) if p.code == code), None)

    def _run(self, fn, done: str) -> None:
        try:
            fn()
        except PseError as exc:
            self.form.show_error(exc)
            return
        self.form.clear_errors()
        self.form.set_values({"kilograms": ""})
        self._say(done, "success")
        self.reload()

    def receive(self) -> None:
        v = self.form.values()
        self._run(lambda: stock.receive(self.ctx.actor, v["kilograms"], v["supplier"],
                                        v["price per kilogram"], today=self.today),
                  _("{kg} received at the store.").format(kg=v["kilograms"] + " kg"))

    def transfer(self) -> None:
        v = self.form.values()
        cid = self._centre_id()
        if cid is None:
            self._say(_("Choose the centre the rice goes to."), "danger")
            return
        self._run(lambda: stock.transfer(self.ctx.actor, cid, v["kilograms"], today=self.today),
                  _("{kg} sent to {place}.").format(kg=v["kilograms"] + " kg", place=v["place"]))

    def count(self) -> None:
        v = self.form.values()
        cid = self._centre_id()
        result = {}

        def run():
            result["r"] = stock.count(self.ctx.actor, cid, v["kilograms"], today=self.today)

        self._run(run, _("Count recorded."))
        if "r" in result:
            self._say(_("Counted {c}, expected {e}: difference {d}.").format(
                c=kg(result["r"].counted_g), e=kg(result["r"].expected_g),
                d=kg(result["r"].variance_g)), "success")

    def show_report(self) -> None:
        try:
            year = int(self.year_var.get())
            rows = reports.by_month(self.ctx.actor, dt.date(year, 1, 1), dt.date(year, 12, 1))
        except (ValueError, PseError) as exc:
            self._say(str(exc), "danger")
            return
        self.report.delete(*self.report.get_children())
        totals = [0] * 12
        for r in rows:
            totals[r.month.month - 1] += r.kg_g
            self.report.insert("", "end", values=(
                f"{r.month:%Y-%m}", r.centre, r.families, r.served, kg(r.kg_g),
                "-" if r.cost_riel is None else f"{r.cost_riel:,}",
                f"{r.above_threshold}/{r.families}"))
        self._draw(totals)

    def _draw(self, totals: list[int]) -> None:
        """Kilograms handed out per month, as columns in the theme's colours."""
        self.chart.columns(_("kg handed out per month"), [str(n) for n in range(1, 13)],
                           [Series(_("kg"), [grams // 1000 for grams in totals])])

    def export(self) -> None:
        month = self.export_var.get()
        path = self.ctx.choose_file(self, "save", title=_("Export"),
                                    initialfile=f"rice-{month}.xlsx", defaultextension=".xlsx",
                                    filetypes=[(_("Excel"), "*.xlsx"), (_("CSV"), "*.csv")])
        if not path:
            return
        try:
            n = reports.export_month(self.ctx.actor, month, path)
        except PseError as exc:
            self._say(str(exc), "danger")
            return
        self._say(ngettext("{n} row written to {path}",
                           "{n} rows written to {path}", n).format(n=n, path=path), "success")


def place_name(code: str) -> str:
    """A place of the rice stock: a centre by its code, the central store by its name."""
    return _("Central store") if code == stock.STORE else code
