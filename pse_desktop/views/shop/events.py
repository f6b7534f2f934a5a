"""Events in France: create an event and its stock box, send stock, reconcile at the end.

Selling at the event is done on the point of sale with the event's box as location (euros).
"""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.shop import catalog, locations as shop, docs as shop_docs, events as shop_events
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.dates import DateField
from .common import opener


#: An event's state, by its stored code.
EVENT_STATES = {"open": N_("In progress"), "reconciled": N_("Reconciled")}


class EventsScreen(Screen):
    title = N_("Events in France")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        left = tb.Frame(body)
        left.pack(side="left", fill="both", expand=True)
        self.table = PagedTable(left, [("name", _("Event"), 180), ("place", _("Place"), 110),
                                       ("dates", _("Dates"), 190), ("box", _("Box"), 70),
                                       ("state", _("State"), 90)], height=8)
        self.table.pack(fill="x")
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.show_selected())
        self.lines = tb.Treeview(left, columns=("code", "sent", "sold", "ret", "lost", "left"),
                                 show="headings", height=10)
        for cid, text in (("code", _("Code")), ("sent", _("Sent")), ("sold", _("Sold")),
                          ("ret", _("Returned")), ("lost", _("Lost")), ("left", _("In box"))):
            self.lines.heading(cid, text=text, anchor="w")
            self.lines.column(cid, width=80 if cid != "code" else 120, anchor="w")
        self.lines.pack(fill="both", expand=True, pady=8)

        side = tb.Notebook(body, width=300)
        side.pack(side="right", fill="y", padx=(12, 0), before=left)
        move = tb.Frame(side, padding=8)
        box = tb.Frame(side, padding=8)
        side.add(move, text=_("Stock of the event"))
        side.add(box, text=_("New event"))
        self.notebook = side
        self.form = Form(box, stacked=True, wrap=260)
        self.form.pack(fill="x")
        self.form.add("name", _("Name"))
        self.form.add("place", _("Place"))
        self.form.add("start", _("Start (YYYY-MM-DD)"), DateField)
        self.form.add("end", _("End (YYYY-MM-DD)"), DateField)
        self.form.add("home", _("Stock comes from"), tb.Combobox, state="readonly")
        tb.Button(box, text=_("Create"), command=self.create).pack(anchor="e")
        tb.Label(move, text=_("Choose the event in the list, then send pieces to its box; "
                              "sell them on the point of sale with the box as location."),
                 wraplength=270, justify="left", bootstyle="secondary").pack(anchor="w")
        self.move_form = Form(move, stacked=True, wrap=260)
        self.move_form.pack(fill="x")
        self.move_form.add("code", _("Code or barcode"))
        self.move_form.add("quantity", _("Quantity"))
        bar = tb.Frame(move)
        bar.pack(fill="x")
        tb.Button(bar, text=_("Send to the box"), command=self.send).pack(side="left")
        tb.Button(bar, text=_("Came back"), bootstyle="secondary", command=self.add_back).pack(
            side="left", padx=4)
        self.back_label = tb.Label(move, text="", wraplength=260)
        self.back_label.pack(anchor="w", pady=4)
        tb.Button(move, text=_("Reconcile: the rest is lost"), bootstyle="danger",
                  command=self.reconcile).pack(fill="x", pady=(8, 0))
        tb.Button(move, text=_("Report PDF"), bootstyle="secondary",
                  command=self.report).pack(fill="x", pady=4)
        self.back: dict[int, int] = {}
        self.events = {}
        self.table.set_source(self.fetch)

    def on_show(self) -> None:
        shop.ensure_locations(self.ctx.actor)
        homes = [loc for loc in shop.list_locations(self.ctx.actor) if loc.kind != "event"]
        self.homes = {f"{loc.code} - {loc.name}": loc.id for loc in homes}
        self.form.widgets["home"].configure(values=list(self.homes))
        fr = next((k for k in self.homes if k.startswith("FR")), next(iter(self.homes), ""))
        self.form.vars["home"].set(fr)
        self.table.refresh()

    def fetch(self, page, size):
        rows = shop_events.list_events(self.ctx.actor)
        self.events = {e.id: e for e in rows}
        chunk = rows[page * size:(page + 1) * size]
        return [(e.id, (e.name, e.place, f"{e.start} - {e.end}", e.box_code, _(EVENT_STATES.get(e.state, e.state))))
                for e in chunk], len(rows)

    def selected(self):
        return self.events.get(self.table.selected_key())

    def show_selected(self) -> None:
        self.lines.delete(*self.lines.get_children())
        self.back = {}
        self.back_label.configure(text="")
        e = self.selected()
        if e is None:
            return
        for ln in shop_events.event_report(e.id).lines:
            self.lines.insert("", "end", values=(ln.code, ln.sent, ln.sold, ln.returned, ln.lost,
                                                 ln.left))

    def create(self) -> None:
        v = self.form.values()
        home = self.homes.get(v["home"])
        result = call_service(self.form, shop_events.create_event, self.ctx.actor, v["name"],
                              v["place"], v["start"], v["end"], home)
        if result is FAILED:
            return
        self.form.set_values({"name": "", "place": "", "start": "", "end": ""})
        self.table.refresh()
        self.notebook.select(0)

    def _line(self):
        v = self.move_form.values()
        found = catalog.find_variant(v["code"])
        if found is None:
            from ...services.common.errors import ValidationError

            self.move_form.show_error(ValidationError("code", _("no product has this code")))
            return None
        return found, v["quantity"]

    def send(self) -> None:
        e = self.selected()
        line = self._line()
        if e is None or line is None:
            return
        if call_service(self.move_form, shop_events.send_stock, self.ctx.actor, e.id,
                        {line[0].id: line[1]}) is FAILED:
            return
        self.move_form.set_values({"code": "", "quantity": ""})
        self.show_selected()

    def add_back(self) -> None:
        line = self._line()
        if line is None:
            return
        from ...services.common import validate
        from ...services.common.errors import ValidationError

        try:  # read in the user's language like every number typed
            qty = validate.integer("quantity", line[1], 1, 100_000)
        except ValidationError as exc:
            self.move_form.show_error(exc)
            return
        self.back[line[0].id] = self.back.get(line[0].id, 0) + qty
        self.back_label.configure(text=ngettext("Came back: {n} piece",
                                                "Came back: {n} pieces", sum(self.back.values())).format(n=sum(self.back.values())))
        self.move_form.set_values({"code": "", "quantity": ""})

    def reconcile(self) -> None:
        e = self.selected()
        if e is None:
            return
        if not self.ctx.confirm(self, _("Reconcile the event"),
                                _("Put the pieces that came back into {home}, and write off "
                                  "everything else left in the box as lost?").format(
                                    home=e.home_code)):
            return
        if call_service(self.move_form, shop_events.reconcile, self.ctx.actor, e.id,
                        self.back) is FAILED:
            return
        self.table.refresh()
        # the refresh drops the selection: choose the event again so its result stays shown
        iid = next((i for i, key in self.table.keys.items() if key == e.id), None)
        if iid is not None:
            self.table.tree.selection_set(iid)
        self.show_selected()

    def report(self) -> None:
        e = self.selected()
        if e is None:
            return
        path = shop_docs.documents_folder(self.ctx.target, "events") / f"event-{e.box_code}.pdf"
        shop_events.write_event_report(e.id, path)
        opener(self.ctx)(path)
        self.ctx.status(_("Saved {path}").format(path=path))
