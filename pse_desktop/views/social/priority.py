"""The priority list across centres: families by level (urgent first), filtered by centre,
social worker and level, found by code or a guardian's name."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import _
from ...services.meetings.planning import centre_choices
from ...services.social import caseload
from ...services.social.rules import LEVELS
from ..common.base import FAILED, PagedTable, Screen, call_service
from .common import level_text, tag_levels


class PriorityScreen(Screen):
    title = "Priority list"

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        self.vars = {}
        centres = [c[1] for c in centre_choices(ctx.actor, "social.view")]
        self.workers = caseload.workers()
        for key, label, values, width in (
                ("level", _("Level"), [""] + [level_text(v) for v in LEVELS], 9),
                ("centre", _("Centre"), [""] + centres, 7),
                ("worker", _("Social worker"), [""] + [n for _i, n in self.workers], 18)):
            tb.Label(bar, text=label).pack(side="left")
            var = self.vars[key] = tb.StringVar()
            box = tb.Combobox(bar, textvariable=var, state="readonly", values=values, width=width)
            box.pack(side="left", padx=(4, 10))
            box.bind("<<ComboboxSelected>>", lambda e: self.reload())
        tb.Label(bar, text=_("Find")).pack(side="left")
        self.text_var = tb.StringVar()
        entry = tb.Entry(bar, textvariable=self.text_var, width=14)
        entry.pack(side="left", padx=4)
        entry.bind("<Return>", lambda e: self.reload())
        self.count = tb.Label(bar, text="")
        self.count.pack(side="left", padx=8)
        self.table = PagedTable(self, [("level", _("Priority"), 70), ("family", _("Family"), 66),
                                       ("centre", _("Centre"), 56), ("worker", _("Social worker"), 120),
                                       ("due", _("Next due"), 90),
                                       ("guardians", _("Guardians"), 200)], page_size=100,
                                height=14)
        self.table.pack(fill="both", expand=True)
        tag_levels(self.table.tree)
        self.table.tree.bind("<Double-1>", lambda e: self.open_file())
        self.table.tree.bind("<Return>", lambda e: self.open_file())
        tb.Button(self, text=_("Open family file"), bootstyle="primary",
                  command=self.open_file).pack(anchor="w", pady=(6, 0))
        self.reload()

    def reload(self) -> None:
        level = next((v for v in LEVELS if level_text(v) == self.vars["level"].get()), "")
        worker = next((w for w, n in self.workers if n == self.vars["worker"].get()), None)
        rows = call_service(None, caseload.find, self.ctx.actor, self.text_var.get(), level=level,
                            centre=self.vars["centre"].get(), worker_id=worker, limit=2000,
                            today=self.today)
        if rows is FAILED:
            rows = []
        self.count.configure(text=_("{n} families").format(n=len(rows)))
        self.table.set_source(lambda page, size: (
            [(r.family_id, (level_text(r.level), r.code, r.centre, r.worker,
                            (r.next_due or "") and f"{r.next_due:%d %b %Y}", r.guardians))
             for r in rows[page * size:(page + 1) * size]], len(rows)))
        by_id = {r.family_id: r for r in rows}
        for iid, fid in self.table.keys.items():
            self.table.tree.item(iid, tags=(by_id[fid].level,))

    def open_file(self) -> None:
        fid = self.table.selected_key()
        if fid is not None:
            self.ctx.extra["social_family_id"] = fid
            self.ctx.navigate("social_family")
