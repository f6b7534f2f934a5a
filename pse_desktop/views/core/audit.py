"""Admin: the audit log, newest first, filtered by user, area and dates, a page at a time."""

from __future__ import annotations

import ttkbootstrap as tb

from ... import areas as program_areas
from ...i18n import N_, _, translate_label
from ...services.core import audit
from ...services.common import validate
from ...services.common.errors import ValidationError
from ..common.base import ChoiceVar, PagedTable, Screen
from ..common.commands import Command

ALL = N_("(all)")  # a code: shown in the user's language by ChoiceVar


class AuditScreen(Screen):
    title = N_("Audit log")
    commands = (Command("refresh", "apply"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        self.user = ChoiceVar([ALL], value=ALL)
        self.area = ChoiceVar([ALL], value=ALL)  # areas by code, shown in the user's language
        self.date_from = tb.StringVar()
        self.date_to = tb.StringVar()
        tb.Label(bar, text=_("User")).pack(side="left")
        self.user_box = tb.Combobox(bar, textvariable=self.user, width=12, state="readonly")
        self.user_box.pack(side="left", padx=(4, 8))
        tb.Label(bar, text=_("Area")).pack(side="left")
        self.area_box = tb.Combobox(bar, textvariable=self.area, width=11, state="readonly")
        self.area_box.pack(side="left", padx=(4, 8))
        tb.Label(bar, text=_("From")).pack(side="left")
        tb.Entry(bar, textvariable=self.date_from, width=11).pack(side="left", padx=(4, 8))
        tb.Label(bar, text=_("To")).pack(side="left")
        tb.Entry(bar, textvariable=self.date_to, width=11).pack(side="left", padx=(4, 8))
        tb.Button(bar, text=_("Filter"), bootstyle="primary", command=self.apply).pack(
            side="right", before=bar.winfo_children()[0])  # never pushed out by the fields
        self.error = tb.Label(self, text="", bootstyle="danger")
        self.error.pack(anchor="w")
        self.table = PagedTable(self, [("at", _("When"), 140), ("user", _("User"), 110),
                                       ("area", _("Area"), 90), ("action", _("Action"), 110),
                                       ("entity", _("Record changed"), 110),
                                       ("summary", _("Details"), 400)])
        self.table.pack(fill="both", expand=True)
        self.filters = {}

    def on_show(self) -> None:
        users, areas = audit.filter_choices(self.ctx.actor)
        self.user_box.configure(values=self.user.set_codes([ALL] + users))
        names = area_names()
        self.area_box.configure(values=self.area.set_codes(
            {ALL: ALL, **{a: names.get(a, a) for a in areas}}))
        self.apply()

    def apply(self) -> None:
        try:
            self.filters = {
                "username": None if self.user.get() == ALL else self.user.get(),
                "area": None if self.area.get() == ALL else self.area.get(),
                "date_from": validate.date(_("From"), self.date_from.get(), required=False),
                "date_to": validate.date(_("To"), self.date_to.get(), required=False),
            }
        except ValidationError as exc:
            self.error.configure(text=str(exc))
            return
        self.error.configure(text="")
        self.table.set_source(self.fetch)

    def fetch(self, page, size):
        result = audit.list_entries(self.ctx.actor, page=page, page_size=size, **self.filters)
        return [(None, (f"{r.at:%Y-%m-%d %H:%M:%S}", r.username, area_label(r.area), audit.action_label(r.action),
                        f"{translate_label(r.entity)} {r.entity_id}".strip(), r.summary))
                 for r in result.rows], \
            result.total


def area_names() -> dict[str, str]:
    """Each area's code as the log stores it, by its English label (translated when shown)."""
    return {a.key: a.label for a in program_areas.AREAS} | {"catalog": N_("Products")}


def area_label(code: str) -> str:
    """An area of the log in the user's language (a code no area has stays as stored)."""
    name = area_names().get(code)
    return _(name) if name else translate_label(code)
