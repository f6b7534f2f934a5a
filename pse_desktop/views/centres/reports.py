"""Follow-up lists (absent days in a row, low attendance), monthly rates with a chart, and
printing: monthly and blank registers as PDF, exports to CSV or XLSX."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.centres import (
    export as attendance_export, followup as attendance_followup, groups as attendance_setup,
    summary as attendance_summary,
)
from ...services.common.errors import PseError
from ...services.core.permissions import can
from ..common.base import BackgroundTask, PagedTable, Screen
from ..common.chart import Bar, Chart
from ..common.flow import Flow

#: The follow-up lists' columns (their titles translated when a screen is built, not at import)
FOLLOW_COLUMNS = [("name", N_("Child"), 150), ("code", N_("Code"), 80), ("centre", N_("Centre"), 55),
                  ("group", N_("Group"), 90), ("figure", N_("Absent / rate"), 90),
                  ("last", N_("Last present"), 90), ("family", N_("Family"), 70),
                  ("contact", N_("Contact"), 100), ("guardians", N_("Guardians"), 160)]


def _columns() -> list[tuple[str, str, int]]:
    return [(key, _(title), width) for key, title, width in FOLLOW_COLUMNS]


def _follow_values(r) -> tuple:
    return (r.name_latin, r.code, r.centre_code, r.group_name, r.figure,
            r.last_present.isoformat() if r.last_present else "", r.family_code, r.contact,
            r.guardians)


class ReportsScreen(Screen):
    title = N_("Follow-up and reports")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.month_var = tb.StringVar(value=f"{self.today:%Y-%m}")
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        tb.Label(bar, text=_("Month")).pack(side="left")
        month = tb.Entry(bar, textvariable=self.month_var, width=9)
        month.pack(side="left", padx=4)
        month.bind("<Return>", lambda e: self.refresh())
        tb.Button(bar, text=_("Show"), bootstyle="secondary", command=self.refresh).pack(side="left")
        self.error = tb.Label(bar, text="", bootstyle="danger")
        self.error.pack(side="left", padx=12)
        self.notebook = tb.Notebook(self)
        self.notebook.pack(fill="both", expand=True)
        self.streaks = self.low = None
        if can(ctx.actor, "attendance.followup"):
            tab = tb.Frame(self.notebook, padding=8)
            self.notebook.add(tab, text=_("Absent days in a row"))
            self.streak_label = tb.Label(tab, text="")
            self.streak_label.pack(anchor="w")
            self.streaks = PagedTable(tab, _columns(), page_size=200)
            self.streaks.pack(fill="both", expand=True)
            tab = tb.Frame(self.notebook, padding=8)
            self.notebook.add(tab, text=_("Low attendance this month"))
            self.low_label = tb.Label(tab, text="")
            self.low_label.pack(anchor="w")
            self.low = PagedTable(tab, _columns(), page_size=200)
            self.low.pack(fill="both", expand=True)
        self._build_rates()
        self._build_print()
        self.refresh()

    # -- rates ----------------------------------------------------------------------
    def _build_rates(self) -> None:
        tab = tb.Frame(self.notebook, padding=8)
        self.notebook.add(tab, text=_("Monthly rates"))
        self.by_var = tb.StringVar(value="centre")
        row = tb.Frame(tab)
        row.pack(fill="x")
        for value, text in (("centre", _("per centre")), ("group", _("per group"))):
            tb.Radiobutton(row, text=text, value=value, variable=self.by_var,
                           command=self.refresh_rates).pack(side="left", padx=(0, 12))
        body = tb.Frame(tab)
        body.pack(fill="both", expand=True, pady=(6, 0))
        self.rates = PagedTable(body, [("key", _("Centre / group"), 150), ("present", _("Present"), 70),
                                       ("late", _("Late"), 60), ("absent", _("Absent"), 60),
                                       ("excused", _("Excused"), 60), ("sick", _("Sick"), 60),
                                       ("rate", _("Rate"), 60)], page_size=100)
        self.rates.pack(side="left", fill="both", expand=True)
        self.chart = Chart(body, width=420, height=300)
        self.chart.pack(side="left", fill="y", padx=(12, 0))

    def refresh_rates(self) -> None:
        rows = attendance_summary.monthly_rates(self.ctx.actor, self.month_var.get(),
                                                by=self.by_var.get())
        self.rate_rows = rows
        self.rates.set_source(lambda page, size: ([(r.key, (
            r.key, r.counts["P"], r.counts["L"], r.counts["A"], r.counts["E"], r.counts["S"],
            attendance_summary.format_rate(r.rate))) for r in rows[page * size:(page + 1) * size]],
            len(rows)))
        self.draw_chart(rows[:14])

    def draw_chart(self, rows) -> None:
        """Horizontal bars: the rate of each centre (or the first groups) for the month."""
        self.chart.bars(
            _("Attendance rate, {month}").format(month=self.month_var.get()),
            [Bar(r.key, r.rate or 0, attendance_summary.format_rate(r.rate),
                 "success" if (r.rate or 0) >= 90 else "warning" if (r.rate or 0) >= 75
                 else "danger") for r in rows])

    # -- printing -------------------------------------------------------------------
    def _build_print(self) -> None:
        tab = tb.Frame(self.notebook, padding=12)
        self.notebook.add(tab, text=_("Print and export"))
        self.centres = attendance_setup.visible_centres(self.ctx.actor)
        row = tb.Frame(tab)
        row.pack(fill="x")
        tb.Label(row, text=_("Centre")).pack(side="left")
        self.centre_box = tb.Combobox(row, state="readonly", width=22,
                                      values=[f"{c[1]} {c[2]}" for c in self.centres])
        self.centre_box.pack(side="left", padx=(4, 12))
        self.centre_box.bind("<<ComboboxSelected>>", lambda e: self._fill_groups())
        tb.Label(row, text=_("Group")).pack(side="left")
        self.group_box = tb.Combobox(row, state="readonly", width=28)
        self.group_box.pack(side="left", padx=4)
        buttons = Flow(tab, gap=8)
        buttons.pack(fill="x", pady=12)
        self.print_button = tb.Button(buttons, text=_("Monthly register (PDF)"), bootstyle="primary",
                                      command=lambda: self.print_pdf(blank=False))
        self.blank_button = tb.Button(buttons, text=_("Blank register to fill by hand (PDF)"),
                                      bootstyle="secondary", command=lambda: self.print_pdf(blank=True))
        self.export_button = tb.Button(buttons, text=_("Export the month (CSV or XLSX)"),
                                       bootstyle="secondary", command=self.export)
        buttons.add(self.print_button, self.blank_button, self.export_button)
        span = tb.Frame(tab)
        span.pack(fill="x", pady=(0, 8))
        tb.Label(span, text=_("Export from")).pack(side="left")
        self.from_var = tb.StringVar(value=f"{self.today.year}-01-01")
        self.to_var = tb.StringVar(value=self.today.isoformat())
        tb.Entry(span, textvariable=self.from_var, width=11).pack(side="left", padx=4)
        tb.Label(span, text=_("to")).pack(side="left")
        tb.Entry(span, textvariable=self.to_var, width=11).pack(side="left", padx=4)
        self.range_button = tb.Button(span, text=_("Export these days in one file"),
                                      bootstyle="secondary", command=self.export_range)
        self.range_button.pack(side="left", padx=4)
        self.progress = tb.Progressbar(tab, maximum=1.0, mode="determinate")
        self.progress.pack(fill="x")
        self.print_status = tb.Label(tab, text="")
        self.print_status.pack(anchor="w", pady=4)
        tb.Label(tab, text=_("The blank register lists the group's children with a box per day, "
                             "for power cuts; type the marks in later."),
                 bootstyle="secondary").pack(anchor="w")
        self.task = None
        if self.centres:
            self.centre_box.current(0)
            self._fill_groups()

    def _fill_groups(self) -> None:
        index = self.centre_box.current()
        self.groups = (attendance_setup.list_groups(self.ctx.actor, self.centres[index][0])
                       if index >= 0 else [])
        self.group_box.configure(values=[_("All groups")] + [g.label for g in self.groups])
        self.group_box.current(0)

    def _registers(self, blank: bool):
        index, gindex = self.centre_box.current(), self.group_box.current()
        month = self.month_var.get()
        if gindex > 0:
            return [attendance_summary.month_register(self.ctx.actor, self.groups[gindex - 1].id,
                                                      month, blank)]
        return attendance_summary.month_registers(self.ctx.actor, month, self.centres[index][0],
                                                  blank=blank)

    def print_pdf(self, blank: bool):
        if not self.centres:
            return None
        try:
            registers = self._registers(blank)
        except PseError as exc:
            self.error.configure(text=str(exc))
            return None
        name = f"{'blank-' if blank else ''}register-{self.centres[self.centre_box.current()][1]}-" \
               f"{self.month_var.get()}.pdf"
        path = self.ctx.choose_file(self, "save", defaultextension=".pdf", initialfile=name,
                                    filetypes=[("PDF", "*.pdf")])
        if not path:
            return None

        def work(progress):
            from ...reports.centres.register import render_registers

            progress(_("Drawing the PDF..."), 0.3)
            return render_registers(registers, path)

        return self._run(work, _("Saved {path}"))

    def export(self):
        path = self.ctx.choose_file(self, "save", defaultextension=".xlsx",
                                    initialfile=f"attendance-{self.month_var.get()}.xlsx",
                                    filetypes=[("Excel", "*.xlsx"), ("CSV", "*.csv")])
        if not path:
            return None
        try:
            header, rows = attendance_export.month_table(self.ctx.actor, self.month_var.get())
        except PseError as exc:
            self.error.configure(text=str(exc))
            return None
        return self._run(lambda progress: attendance_export.write_table(path, header, rows),
                         _("Saved {path}"))

    def export_range(self):
        """Any range of days (a whole year) in one file, written in the background."""
        first, last = self.from_var.get().strip(), self.to_var.get().strip()
        path = self.ctx.choose_file(self, "save", defaultextension=".xlsx",
                                    initialfile=f"attendance-{first}-{last}.xlsx",
                                    filetypes=[("Excel", "*.xlsx"), ("CSV", "*.csv")])
        if not path:
            return None
        index = self.centre_box.current()
        centre_id = self.centres[index][0] if self.centres and index >= 0 else None

        def work(progress):
            attendance_export.export_range(
                self.ctx.actor, first, last, path, centre_id,
                progress=lambda f: progress(_("Reading the registers..."), 0.1 + 0.8 * f))
            return path

        return self._run(work, _("Saved {path}"))

    def _run(self, work, done_text):
        for b in (self.print_button, self.blank_button, self.export_button, self.range_button):
            b.configure(state="disabled")
        self.progress.configure(value=0.1)

        def finish(text):
            for b in (self.print_button, self.blank_button, self.export_button, self.range_button):
                b.configure(state="normal")
            self.progress.configure(value=1.0 if "Saved" in text else 0)
            self.print_status.configure(text=text)

        self.task = BackgroundTask(
            self, work, on_done=lambda path: finish(done_text.format(path=path)),
            on_error=lambda exc: finish(_("Failed: {error}").format(error=exc)),
            on_progress=lambda m, f: (self.progress.configure(value=f),
                                      self.print_status.configure(text=m))).start()
        return self.task

    # -- all ------------------------------------------------------------------------
    def refresh(self) -> None:
        self.error.configure(text="")
        try:
            if self.streaks is not None:
                rows = attendance_followup.absence_streaks(self.ctx.actor, today=self.today)
                self.streak_rows = rows
                self.streak_label.configure(text=_("{n} children absent on the last school days in a "
                                                   "row: visit the family.").format(n=len(rows)))
                self.streaks.set_source(lambda p, s: ([(r.child_id, _follow_values(r))
                                                       for r in rows[p * s:(p + 1) * s]], len(rows)))
                low = attendance_followup.low_attendance(self.ctx.actor, self.month_var.get(),
                                                         today=self.today)
                self.low_rows = low
                self.low_label.configure(text=_("{n} children under the attendance threshold in "
                                                "{month}.").format(n=len(low), month=self.month_var.get()))
                self.low.set_source(lambda p, s: ([(r.child_id, _follow_values(r))
                                                   for r in low[p * s:(p + 1) * s]], len(low)))
            self.refresh_rates()
        except PseError as exc:
            self.error.configure(text=str(exc))
