"""Meeting reports: participation per family, themes per centre per quarter (chart on screen
and in the PDF), CSV/XLSX export of a period, and the catalogue of themes."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _, local_name
from ...services.meetings import planning as meetings, reports as meetings_reports
from ...services.common.errors import PseError
from ...services.core.permissions import can
from ..common.base import FAILED, Form, Screen, call_service
from ..common.chart import Chart, Series
from .common import write_in_background

COLOURS = ("#2b6cb0", "#dd6b20", "#38a169", "#d53f8c", "#805ad5", "#d69e2e", "#319795", "#718096")


class MeetingReportsScreen(Screen):
    title = N_("Meeting reports")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.centres = meetings.centre_choices(ctx.actor)
        bar = tb.Frame(self)
        bar.pack(fill="x")
        self.from_var = tb.StringVar(value=(self.today.replace(day=1) - dt.timedelta(days=335))
                                     .replace(day=1).isoformat())
        self.to_var = tb.StringVar(value=self.today.isoformat())
        self.centre_var = tb.StringVar(value=_("All"))
        tb.Label(bar, text=_("From")).pack(side="left")
        tb.Entry(bar, textvariable=self.from_var, width=11).pack(side="left", padx=4)
        tb.Label(bar, text=_("To")).pack(side="left")
        tb.Entry(bar, textvariable=self.to_var, width=11).pack(side="left", padx=4)
        tb.Label(bar, text=_("Centre")).pack(side="left", padx=(8, 0))
        tb.Combobox(bar, textvariable=self.centre_var, state="readonly", width=8,
                    values=[_("All")] + [c[1] for c in self.centres]).pack(side="left", padx=4)
        tb.Button(bar, text=_("Show chart"), bootstyle="secondary", command=self.draw_chart).pack(side="left", padx=4)
        buttons = tb.Frame(self)
        buttons.pack(fill="x", pady=6)
        tb.Button(buttons, text=_("Participation PDF"), bootstyle="info",
                  command=self.participation_pdf).pack(side="left")
        tb.Button(buttons, text=_("Themes PDF"), bootstyle="info", command=self.themes_pdf).pack(side="left", padx=6)
        tb.Button(buttons, text=_("Export CSV or XLSX"), bootstyle="secondary",
                  command=self.export).pack(side="left")
        self.error = tb.Label(self, text="", bootstyle="danger")
        self.error.pack(anchor="w")
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        self.canvas = Chart(body, height=300, width=420)
        self.canvas.pack(side="left", fill="both", expand=True)
        if can(ctx.actor, "meetings.themes"):
            self._build_themes(body)

    def on_show(self) -> None:
        self.after_idle(self.draw_chart)

    def _period(self):
        centre_id = next((c[0] for c in self.centres if c[1] == self.centre_var.get()), None)
        return self.from_var.get(), self.to_var.get(), centre_id

    def _call(self, fn, *args):
        try:
            result = fn(self.ctx.actor, *args)
        except PseError as exc:
            self.error.configure(text=str(exc))
            return FAILED
        self.error.configure(text="")
        return result

    def draw_chart(self):
        report = self._call(meetings_reports.themes_by_quarter, *self._period())
        if report is FAILED:
            return FAILED
        by_q = {q: [sum(report.counts.get((cc, q), {}).get(t, 0) for cc in report.centres)
                    for t in report.themes] for q in report.quarters}
        self.canvas.columns(_("Meetings held per quarter and theme"), list(report.quarters),
                            [Series(t, [by_q[q][ti] for q in report.quarters],
                                    COLOURS[ti % len(COLOURS)])
                             for ti, t in enumerate(report.themes)],
                            empty=_("No meeting in this period."))
        return report

    def participation_pdf(self):
        report = self._call(meetings_reports.participation, *self._period())
        if report is FAILED:
            return None
        from ...reports.meetings.summary import render_participation

        return write_in_background(self, f"participation-{report.first}-{report.last}.pdf",
                                   lambda path: render_participation(report, path), _("Participation"))

    def themes_pdf(self):
        report = self._call(meetings_reports.themes_by_quarter, *self._period())
        if report is FAILED:
            return None
        from ...reports.meetings.summary import render_themes

        return write_in_background(self, f"themes-{report.first}-{report.last}.pdf",
                                   lambda path: render_themes(report, path), _("Themes"))

    def export(self):
        first, last, centre_id = self._period()
        actor = self.ctx.actor
        return write_in_background(
            self, f"meetings-{first}-{last}.xlsx",
            lambda path: meetings_reports.export_meetings(actor, first, last, path, centre_id),
            _("Export"), filetypes=[(_("Excel"), "*.xlsx"), (_("CSV"), "*.csv")])

    # -- themes catalogue -------------------------------------------------------------------
    def _build_themes(self, body) -> None:
        side = tb.Frame(body, padding=(12, 0, 0, 0))
        side.pack(side="left", fill="y")
        tb.Label(side, text=_("Themes"), font=("TkDefaultFont", 11, "bold")).pack(anchor="w")
        self.theme_list = tb.Treeview(side, columns=("name", "state"), show="headings", height=8)
        self.theme_list.heading("name", text=_("Theme"), anchor="w")
        self.theme_list.heading("state", text=_("In use"), anchor="w")
        self.theme_list.column("state", width=60)
        self.theme_list.pack(fill="x")
        self.theme_list.bind("<<TreeviewSelect>>", lambda e: self._load_theme())
        self.theme_form = Form(side, stacked=True, wrap=260)
        self.theme_form.pack(fill="x")
        self.theme_form.add("name", _("Name"))
        self.theme_form.add("description", _("Description"))
        self.theme_active = tb.BooleanVar(value=True)
        tb.Checkbutton(side, text=_("In use (untick to retire)"), variable=self.theme_active).pack(anchor="w")
        row = tb.Frame(side)
        row.pack(fill="x", pady=4)
        tb.Button(row, text=_("New"), bootstyle="secondary", command=self._new_theme).pack(side="left")
        tb.Button(row, text=_("Save theme"), bootstyle="primary", command=self.save_theme).pack(side="right")
        self.theme_id = None
        self._fill_themes()

    def _fill_themes(self) -> None:
        self.theme_list.delete(*self.theme_list.get_children())
        self.theme_rows = {}
        for t in meetings.list_themes(active_only=False):
            iid = self.theme_list.insert("", "end", values=(local_name(t.name), _("yes") if t.active else _("retired")))
            self.theme_rows[iid] = t

    def _load_theme(self) -> None:
        sel = self.theme_list.selection()
        if sel:
            t = self.theme_rows[sel[0]]
            self.theme_id = t.id
            self.theme_form.set_values({"name": t.name, "description": t.description})
            self.theme_active.set(t.active)

    def _new_theme(self) -> None:
        self.theme_id = None
        self.theme_form.set_values({"name": "", "description": ""})
        self.theme_active.set(True)

    def save_theme(self):
        v = self.theme_form.values()
        result = call_service(self.theme_form, meetings.save_theme, self.ctx.actor, self.theme_id,
                              v["name"], v["description"], self.theme_active.get())
        if result is FAILED:
            return FAILED
        self.theme_id = result.id
        self._fill_themes()
        self.ctx.status(_("Saved the theme {name}.").format(name=result.name))
        return result
