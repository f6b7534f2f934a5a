"""Monthly time sheets, keyboard first: quick fill a normal month, then type the exceptions.

In the days list one key sets a day and moves to the next: W worked, A absent, P paid leave,
U unpaid leave, S sick, H public holiday, Delete clears. Enter goes to the hours of the day;
Enter there comes back. Ctrl+S saves; changing worker, month or screen with changes not saved
asks first: Save, Discard or Cancel.
"""

from __future__ import annotations

import ttkbootstrap as tb

from ...formats import format_weekday
from ...i18n import N_, _, ngettext
from ...services.payroll import months as payroll, timesheets, workers
from ...services.core.permissions import can
from ..common.base import FAILED, Form, Screen, call_service
from ..common.commands import Command, plain_key
from ..common.flow import Flow
from .common import KhmerNames, MonthBar, money, try_service

KEYS = {"w": "W", "a": "A", "p": "PL", "u": "UL", "s": "S", "h": "H"}


class TimeSheetScreen(Screen):
    title = N_("Time sheets")
    commands = (Command("save", "save"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.can_edit = can(ctx.actor, "payroll.time")
        top = tb.Frame(self)
        top.pack(fill="x", pady=(0, 6))
        self.month_bar = MonthBar(top, self.change_month)
        self.month_bar.pack(side="left")
        self.fill_button = tb.Button(top, text=_("Quick fill the month (all workers)"), bootstyle="info-outline",
                                     command=self.quick_fill)
        self.fill_button.pack(side="left", padx=12)
        self.save_button = tb.Button(top, text=_("Save"), bootstyle="primary", command=self.save)
        tb.ToolTip(self.save_button, text=_("Ctrl+S"))
        self.save_button.pack(side="right")
        self.state_label = tb.Label(top, text="", bootstyle="secondary")
        self.state_label.pack(side="right", padx=10)
        tb.Label(self, text=_("Keys: W worked · A absent · P paid leave · U unpaid leave · S sick · "
                              "H public holiday · Delete clears · Enter: hours and overtime"),
                 bootstyle="secondary").pack(anchor="w")
        body = tb.Frame(self)
        body.pack(fill="both", expand=True, pady=(6, 0))
        self.people = tb.Treeview(body, columns=("code", "name", "filled"), show="headings", height=12,
                                  selectmode="browse")
        for cid, text, width in (("code", _("Code"), 55), ("name", _("Name"), 120), ("filled", _("Days"), 45)):
            self.people.heading(cid, text=text, anchor="w")
            self.people.column(cid, width=width, stretch=False, anchor="w")
        self.people.pack(side="left", fill="y")
        self.names = KhmerNames(self.people, 110)
        self.people.bind("<<TreeviewSelect>>", lambda e: self.select_worker())
        self._pieces(body)
        middle = tb.Frame(body)
        middle.pack(side="left", fill="both", expand=True, padx=10)
        self.title_label = tb.Label(middle, text="", font=("TkDefaultFont", 11, "bold"))
        self.title_label.pack(anchor="w")
        self.days = tb.Treeview(middle, columns=("day", "status", "hours", "ot", "ot2", "note"), show="headings",
                                height=20, selectmode="browse")
        for cid, text, width in (("day", _("Day"), 70), ("status", _("Status"), 100), ("hours", _("Hours"), 50),
                                 ("ot", _("OT 150%"), 60), ("ot2", _("OT 200%"), 60), ("note", "", 120)):
            self.days.heading(cid, text=text, anchor="w")
            self.days.column(cid, width=width, anchor="w", stretch=cid == "note")
        self.days.tag_configure("sunday", foreground="#8a8a8a")
        self.days.tag_configure("holiday", foreground="#b35c00")
        self.days.tag_configure("absent", foreground="#c0392b")
        self.days.pack(fill="both", expand=True)
        # 10 rows asked (it grows with the window): the hours below stay in view on a netbook,
        # in Khmer too, where rows are taller.
        self.days.configure(height=10)
        for key in KEYS:
            for k in (key, key.upper()):
                # Ctrl+S saves: a mark key never fires with Ctrl or Alt held.
                self.days.bind(f"<KeyPress-{k}>", lambda e, s=KEYS[key]: self.mark(s)
                               if plain_key(e) else None)
        for k in ("<Delete>", "<BackSpace>", "<minus>", "<space>"):
            self.days.bind(k, lambda e: self.mark(""))
        self.days.bind("<Return>", lambda e: self.edit_hours())
        self.days.bind("<<TreeviewSelect>>", lambda e: self.show_day())
        hours = tb.Frame(middle)
        hours.pack(fill="x", pady=6)
        self.hour_vars = {}
        # Label and field side by side, one a row; each label over its field where the middle
        # column is too narrow for that (a 1024-pixel screen in Khmer, whose labels are long).
        for name, text in (("hours", _("Hours")), ("ot", _("OT 150%")), ("ot2", _("OT 200%"))):
            pair = Flow(hours)
            pair.pack(fill="x", pady=1)
            var = tb.StringVar()
            entry = tb.Entry(pair, textvariable=var, width=5)
            pair.add(tb.Label(pair, text=text), entry)
            entry.bind("<Return>", lambda e: self.hours_done())
            entry.bind("<KeyRelease>", lambda e: self.hours_changed())
            self.hour_vars[name] = (var, entry)
        self.error = tb.Label(middle, text="", bootstyle="danger", wraplength=500, justify="left")
        self.error.pack(anchor="w")
        self.worker_id = None
        self.sheet = None
        self.dirty = False
        if not self.can_edit:
            for b in (self.fill_button, self.save_button, self.add_piece_button):
                b.configure(state="disabled")
        self.load_people()

    def _pieces(self, body) -> None:
        right = tb.Labelframe(body, text=_("Pieces sewn"), padding=8)
        right.pack(side="right", fill="y")
        self.pieces = tb.Treeview(right, columns=("day", "item", "n", "rate"), show="headings", height=7)
        for cid, text, width in (("day", _("Day"), 32), ("item", _("Item"), 80), ("n", _("Pieces"), 45),
                                 ("rate", _("Rate"), 48)):
            self.pieces.heading(cid, text=text, anchor="w")
            self.pieces.column(cid, width=width, anchor="w")
        self.pieces.pack(fill="x")
        self.pform = Form(right, wrap=150)
        self.pform.pack(fill="x", pady=(6, 0))
        self.pform.add("day", _("Day"), width=10, help=_("Day of the month"))
        self.pform.add("item_label", _("Item"), width=14)
        self.pform.add("variant_code", _("Variant"), width=10)
        self.pform.add("pieces", _("Pieces"), width=10)
        self.pform.add("piece_rate", _("Rate (US$)"), width=10)
        bar = tb.Frame(right)
        bar.pack(fill="x")
        self.add_piece_button = tb.Button(bar, text=_("Add pieces"), bootstyle="primary", command=self.add_pieces)
        self.add_piece_button.pack(side="right")
        tb.Button(bar, text=_("Remove"), bootstyle="danger-outline", command=self.remove_pieces).pack(side="left")

    # ------------------------------------------------------------------ data
    def on_show(self) -> None:
        self.load_people()

    def load_people(self) -> None:
        month = self.month_bar.month
        people = [w for w in workers.list_workers(self.ctx.actor, on=payroll.month_end(month))
                  if w.hire_date <= payroll.month_end(month) and (w.leave_date is None or w.leave_date >= month)]
        counts = timesheets.filled_counts(self.ctx.actor, month)
        selected = self.worker_id
        self.people.delete(*self.people.get_children())
        self.names.clear()
        self.people_keys = {}
        for w in people:
            iid = self.people.insert("", "end", values=(w.code, w.name_latin, counts.get(w.id, 0)))
            self.names.set(iid, w.name_khmer)
            self.people_keys[iid] = w.id
        final = payroll.is_final(month)
        self.state_label.configure(text=_("finalised: read only") if final else "",
                                   bootstyle="danger" if final else "secondary")
        for iid, wid in self.people_keys.items():
            if wid == selected:
                self.people.selection_set(iid)
                return
        if self.people_keys:
            self.people.selection_set(next(iter(self.people_keys)))

    # -- unsaved days: asked before another worker, month or screen, logout or closing --------
    def has_unsaved(self) -> bool:
        return bool(self.dirty and self.sheet is not None and self.can_edit)

    def save_changes(self) -> bool:
        return self.save() is not FAILED

    def discard_changes(self) -> None:
        self.dirty = False

    def _select_row(self, worker_id) -> None:
        """Put the list's selection back on ``worker_id`` (after Cancel)."""
        for iid, wid in self.people_keys.items():
            if wid == worker_id:
                self.people.selection_set(iid)
                return

    def change_month(self, month) -> None:
        if not self.resolve_unsaved(_("changing month")):
            if self.sheet is not None:
                self.month_bar.set(self.sheet.month, notify=False)
            return
        self.sheet = None
        self.load_people()
        self.load_sheet()

    def select_worker(self) -> None:
        sel = self.people.selection()
        if not sel:
            return
        worker_id = self.people_keys.get(sel[0])
        if worker_id == self.worker_id and self.sheet is not None and self.sheet.month == self.month_bar.month:
            return
        if not self.resolve_unsaved(_("changing worker")):
            self._select_row(self.worker_id)
            return
        self.worker_id = worker_id
        self.load_sheet()

    def load_sheet(self) -> None:
        if self.worker_id is None:
            return
        self.sheet = timesheets.get_sheet(self.ctx.actor, self.worker_id, self.month_bar.month)
        self.dirty = False
        self.error.configure(text="")
        self.title_label.configure(text=f"{self.sheet.worker_code} — {payroll.month_label(self.sheet.month)}")
        self.days.delete(*self.days.get_children())
        for index, d in enumerate(self.sheet.days):
            self.days.insert("", "end", iid=str(index), values=self._values(d), tags=self._tags(d))
        self.days.selection_set("0")
        self.days.focus("0")
        self.load_pieces()

    def _values(self, d):
        note = d.holiday or ("" if d.employed else _("not employed"))
        return (f"{format_weekday(d.day)} {d.day.day:2d}", _(payroll.STATUSES.get(d.status, "")),
                timesheets.hours_text(d.minutes), timesheets.hours_text(d.ot_normal_minutes),
                timesheets.hours_text(d.ot_premium_minutes), note)

    def _tags(self, d):
        if d.status in ("A", "UL"):
            return ("absent",)
        if d.holiday:
            return ("holiday",)
        return ("sunday",) if d.day.weekday() == 6 else ()

    def _current(self):
        sel = self.days.selection()
        return int(sel[0]) if sel and self.sheet else None

    def mark(self, status: str):
        index = self._current()
        if index is None or not self.can_edit or self.sheet.final:
            return "break"
        day = self.sheet.days[index]
        day.status = status
        if not status:
            day.minutes = day.ot_normal_minutes = day.ot_premium_minutes = 0
        self.dirty = True
        self.days.item(str(index), values=self._values(day), tags=self._tags(day))
        if index + 1 < len(self.sheet.days):
            self.days.selection_set(str(index + 1))
            self.days.focus(str(index + 1))
            self.days.see(str(index + 1))
        return "break"

    def show_day(self) -> None:
        index = self._current()
        if index is None:
            return
        d = self.sheet.days[index]
        for name, minutes in (("hours", d.minutes), ("ot", d.ot_normal_minutes), ("ot2", d.ot_premium_minutes)):
            self.hour_vars[name][0].set(timesheets.hours_text(minutes))

    def edit_hours(self):
        if self._current() is not None and self.can_edit:
            self.hour_vars["hours"][1].focus_set()
            self.hour_vars["hours"][1].select_range(0, "end")
        return "break"

    def hours_changed(self) -> None:
        index = self._current()
        if index is None or self.sheet.final:
            return
        d = self.sheet.days[index]
        self.error.configure(text="")
        try:
            values = [timesheets.parse_hours(n, self.hour_vars[n][0].get()) for n in ("hours", "ot", "ot2")]
        except Exception as exc:  # shown beside the entries until corrected
            self.error.configure(text=str(getattr(exc, "message", exc)))
            return
        d.minutes, d.ot_normal_minutes, d.ot_premium_minutes = values
        if any(values) and not d.status:
            d.status = "W"
        self.dirty = True
        self.days.item(str(index), values=self._values(d), tags=self._tags(d))

    def hours_done(self) -> None:
        self.days.focus_set()
        index = self._current()
        if index is not None and index + 1 < len(self.sheet.days):
            self.days.selection_set(str(index + 1))
            self.days.focus(str(index + 1))

    def save(self):
        if self.sheet is None:
            return None
        days = {d.day: (d.status, timesheets.hours_text(d.minutes),
                        timesheets.hours_text(d.ot_normal_minutes), timesheets.hours_text(d.ot_premium_minutes))
                for d in self.sheet.days if d.status or d.minutes or d.ot_normal_minutes or d.ot_premium_minutes}
        result = try_service(self.error, timesheets.save_sheet, self.ctx.actor, self.sheet.worker_id,
                             self.sheet.month, days)
        if result is FAILED:
            return FAILED
        self.dirty = False
        self.ctx.status(ngettext("Time sheet of {code} saved: {n} day.",
                                 "Time sheet of {code} saved: {n} days.", result).format(code=self.sheet.worker_code, n=result))
        counts = timesheets.filled_counts(self.ctx.actor, self.sheet.month)
        for iid, wid in self.people_keys.items():
            if wid == self.sheet.worker_id:
                self.people.set(iid, "filled", counts.get(wid, 0))
        return result

    def quick_fill(self) -> None:
        if self.dirty and self.save() is FAILED:
            return
        month = self.month_bar.month
        result = try_service(self.error, timesheets.quick_fill, self.ctx.actor, month)
        if result is FAILED:
            return
        self.ctx.status(ngettext("Quick fill: {n} day written; days already entered were kept.",
                                 "Quick fill: {n} days written; days already entered were kept.", result).format(n=result))
        self.load_people()
        self.load_sheet()

    # ------------------------------------------------------------------ pieces
    def load_pieces(self) -> None:
        self.pieces.delete(*self.pieces.get_children())
        self.piece_keys = {}
        for p in timesheets.list_pieces(self.ctx.actor, self.worker_id, self.month_bar.month):
            iid = self.pieces.insert("", "end", values=(p.day.day, p.item_label + (f" {p.variant_code}"
                                                                                   if p.variant_code else ""),
                                                        p.pieces, money(p.piece_rate_cents)))
            self.piece_keys[iid] = p.id

    def add_pieces(self) -> None:
        if self.worker_id is None:
            return
        v = self.pform.values()
        day = v["day"].strip()
        if day.isdigit():
            try:
                day = self.month_bar.month.replace(day=int(day))
            except ValueError:
                pass
        row = {"worker_id": self.worker_id, "day": day, "item_label": v["item_label"],
               "variant_code": v["variant_code"], "pieces": v["pieces"], "piece_rate": v["piece_rate"]}
        if call_service(self.pform, timesheets.record_pieces, self.ctx.actor, [row]) is FAILED:
            return
        self.pform.set_values({"pieces": ""})
        self.pform.widgets["pieces"].focus_set()
        self.load_pieces()

    def remove_pieces(self) -> None:
        sel = self.pieces.selection()
        if not sel:
            return
        if not self.ctx.confirm(self, _("Remove pieces"), _("Remove the selected pieces?")):
            return
        if call_service(self.pform, timesheets.delete_pieces, self.ctx.actor, self.piece_keys[sel[0]]) is FAILED:
            return
        self.load_pieces()
