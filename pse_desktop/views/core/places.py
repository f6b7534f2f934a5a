"""Admin: centres and shops, each a list with a form beside it."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.core import places
from ..common.base import FAILED, Form, PagedTable, Screen, call_service


class PlaceEditor(tb.Frame):
    """A list of centres or shops and the form that adds or edits one."""

    def __init__(self, master, ctx, kind: str):
        super().__init__(master, padding=8)
        self.ctx, self.kind = ctx, kind
        detail = _("Area") if kind == "centre" else _("Place")
        self.table = PagedTable(self, [("code", _("Code"), 70), ("name", _("Name"), 200),
                                       ("detail", detail, 140), ("state", _("State"), 80)], height=12)
        self.table.pack(side="left", fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.load_selected())
        box = tb.Frame(self, padding=(12, 0))
        box.pack(side="left", fill="y")
        self.form = Form(box, stacked=True, wrap=280)
        self.form.pack(fill="x")
        self.form.add("code", _("Code"), width=12)
        self.form.add("name", _("Name"), width=28)
        if kind == "centre":
            self.form.add("area", _("Area"), tb.Combobox, values=list(places.CENTRE_AREAS),
                          state="readonly")
        else:
            self.form.add("place", _("Place"))
            self.form.add("country", _("Country"), tb.Combobox,
                          values=places.SHOP_COUNTRIES, state="readonly")
        self.form.add("active", _("Active"), tb.Checkbutton, var=tb.BooleanVar(value=True))
        bar = tb.Frame(box)
        bar.pack(fill="x", pady=8)
        tb.Button(bar, text=_("New"), bootstyle="secondary", command=self.new).pack(side="left")
        tb.Button(bar, text=_("Save"), bootstyle="primary", command=self.save).pack(side="right")
        self.editing = None
        self.items = {}
        self.table.set_source(self.fetch)
        self.new()

    def fetch(self, page, size):
        rows = places.list_centres() if self.kind == "centre" else places.list_shops()
        self.items = {p.id: p for p in rows}
        chunk = rows[page * size:(page + 1) * size]
        return [(p.id, (p.code, p.name, p.detail, _("active") if p.active else _("inactive")))
                for p in chunk], len(rows)

    def new(self) -> None:
        self.editing = None
        self.form.clear_errors()
        self.form.set_values({"code": "", "name": "", "area": places.CENTRE_AREAS[0], "place": "",
                              "country": "KH", "active": True})

    def load_selected(self) -> None:
        place = self.items.get(self.table.selected_key())
        if place is None:
            return
        self.editing = place
        self.form.set_values({"code": place.code, "name": place.name, "area": place.detail,
                              "place": place.detail, "country": place.country,
                              "active": place.active})

    def save(self) -> None:
        v = self.form.values()
        place_id = self.editing.id if self.editing else None
        if self.kind == "centre":
            result = call_service(self.form, places.save_centre, self.ctx.actor, place_id,
                                  v["code"], v["name"], v["area"], bool(v["active"]))
        else:
            result = call_service(self.form, places.save_shop, self.ctx.actor, place_id, v["code"],
                                  v["name"], v["place"], v["country"], bool(v["active"]))
        if result is FAILED:
            return
        self.ctx.status(_("Saved {code}.").format(code=result.code))
        self.table.refresh()
        self.new()


class PlacesScreen(Screen):
    title = N_("Centres and shops")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        tabs = tb.Notebook(self)
        tabs.pack(fill="both", expand=True)
        self.centres = PlaceEditor(tabs, ctx, "centre")
        self.shops = PlaceEditor(tabs, ctx, "shop")
        tabs.add(self.centres, text=_("Centres"))
        tabs.add(self.shops, text=_("Shops"))
