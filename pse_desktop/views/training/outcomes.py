"""Outcomes report: per course or per trade, the completion rate, the share working or
self-employed at 6 and 12 months, and the average monthly income before against at 6 months,
with a bar chart of the incomes; export one row per trainee (CSV or XLSX)."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.core.permissions import can
from ...services.training import reports
from ..common.base import FAILED, PagedTable, Screen, call_service
from ..common.chart import Chart, Series
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
        self.chart = Chart(self, height=190)  # the kit's chart: follows the light or dark theme
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
        """Average monthly income before the course and 6 months after, per course or trade
        (the first twelve that have a 6-month follow-up)."""
        shown = [ln for ln in self.lines if ln.income_6_avg is not None][:12]

        def short(label: str) -> str:
            words = label.replace("Home-based jobs: ", "").split()
            return " ".join(words[-2:]) if len(words) > 1 else label

        self.chart.columns(
            "", [short(ln.label) for ln in shown],
            [Series(_("before"), [(ln.income_before_avg or 0) / 100 for ln in shown], "secondary"),
             Series(_("after 6 months"), [ln.income_6_avg / 100 for ln in shown], "success")],
            empty=_("No follow-up at 6 months yet."))

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
        self.ctx.status(ngettext("Wrote {n} row to {path}",
                                 "Wrote {n} rows to {path}", n).format(n=n, path=path))
