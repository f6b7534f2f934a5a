"""Outcomes report: per course or per trade, the completion rate, the share working or
self-employed at 6 and 12 months, and the average monthly income before against at 6 months,
with a bar chart of the incomes; export one row per trainee (CSV or XLSX)."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.core.permissions import can
from ...services.training import reports
from ..common.base import FAILED, PagedTable, Screen, call_service
from .common import money


def pct(value) -> str:
    return "-" if value is None else f"{value}%"


class OutcomesScreen(Screen):
    title = N_("Training outcomes")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        self.by_var = tb.StringVar(value="course")
        for value, text in (("course", _("Per course")), ("trade", _("Per trade"))):
            tb.Radiobutton(bar, text=text, value=value, variable=self.by_var,
                           command=self.reload).pack(side="left", padx=(0, 8))
        self.export_button = tb.Button(bar, text=_("Export (CSV or XLSX)"),
                                       bootstyle="secondary", command=self.export)
        if can(ctx.actor, "training.export"):
            self.export_button.pack(side="right")
        self.table = PagedTable(self, [
            ("label", _("Course"), 200), ("n", _("Trainees"), 64), ("done", _("Completed"), 84),
            ("w6", _("Working 6 m"), 90), ("w12", _("Working 12 m"), 96),
            ("before", _("Income before"), 104), ("after", _("Income 6 m"), 90)],
            page_size=50, height=8)
        self.table.pack(fill="x")
        tb.Label(self, text=_("Average monthly income of those followed at 6 months: before "
                              "(grey) and after (green)"), bootstyle="secondary").pack(anchor="w")
        self.chart = tk.Canvas(self, height=170, highlightthickness=0, background="white")
        self.chart.pack(fill="both", expand=True, pady=4)
        self.lines = []
        self.reload()

    def reload(self) -> None:
        fn = reports.by_course if self.by_var.get() == "course" else reports.by_trade
        lines = call_service(None, fn, self.ctx.actor)
        self.lines = [] if lines is FAILED else lines
        self.table.tree.heading("label", text=_("Course") if self.by_var.get() == "course"
                                else _("Trade"))
        self.table.set_source(lambda page, size: (
            [(n, (ln.label, ln.trainees, f"{pct(ln.completion_pct)} ({ln.completed})",
                  pct(ln.working_6_pct), pct(ln.working_12_pct), money(ln.income_before_avg),
                  money(ln.income_6_avg)))
             for n, ln in enumerate(self.lines[page * size:(page + 1) * size])],
            len(self.lines)))
        self.draw()

    def draw(self) -> None:
        c = self.chart
        c.delete("all")
        shown = [ln for ln in self.lines if ln.income_6_avg is not None][:12]
        if not shown:
            c.create_text(10, 20, anchor="w", text=_("No follow-up at 6 months yet."))
            return
        c.update_idletasks()
        width, height = max(c.winfo_width(), 600), max(c.winfo_height(), 150)
        top = max(max(ln.income_6_avg, ln.income_before_avg or 0) for ln in shown) or 1
        slot = (width - 20) / len(shown)
        colors = tb.Style().colors
        for n, ln in enumerate(shown):
            x = 10 + n * slot
            for k, (value, color) in enumerate(((ln.income_before_avg or 0, colors.secondary),
                                                (ln.income_6_avg, colors.success))):
                h = (height - 46) * value / top
                x0 = x + 4 + k * (slot - 8) / 2
                c.create_rectangle(x0, height - 26 - h, x0 + (slot - 8) / 2 - 2, height - 26,
                                   fill=color, outline="")
            words = ln.label.replace("Home-based jobs: ", "").split()
            c.create_text(x + slot / 2, height - 12, text="\n".join(
                (" ".join(words[:-1])[:int(slot / 6)], words[-1])) if len(words) > 1
                else ln.label[:int(slot / 6)], font=("TkDefaultFont", 7), justify="center")

    def export(self) -> None:
        path = self.ctx.choose_file(self, "save", defaultextension=".xlsx",
                                    filetypes=[("Excel", "*.xlsx"), ("CSV", "*.csv")],
                                    initialfile="training.xlsx")
        if not path:
            return
        from ...services.common.errors import PseError

        try:
            n = reports.export_trainees(self.ctx.actor, path)
        except PseError as exc:
            self.ctx.status(str(exc))
            return
        self.ctx.status(_("Wrote {n} rows to {path}").format(n=n, path=path))
