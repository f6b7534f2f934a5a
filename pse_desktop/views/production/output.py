"""Output: pieces sewn on an order, a week at a time, one row per worker and one column per day,
typed with the keyboard (Enter or Down: next worker; Up: previous; Tab: next day)."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date, format_weekday
from ...i18n import N_, _, ngettext
from ...services.production import orders as production, output as production_output
from ...services.production import week as production_week
from ...services.common.errors import PseError
from ...services.production.output import OUTPUT_STATES, OutputEntry
from ..common.base import FAILED, Form, Screen, call_service
from ..common.commands import Command
from ..common.scroll import ScrollFrame
from .common import monday_of

DAYS = 6  # Monday to Saturday


class OutputScreen(Screen):
    title = N_("Output")
    commands = (Command("save", "save"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.monday = monday_of(self.today)
        self.orders, self.order = [], None
        top = tb.Frame(self)
        top.pack(fill="x")
        tb.Label(top, text=_("Order")).pack(side="left")
        self.order_box = tb.Combobox(top, state="readonly", width=44)
        self.order_box.pack(side="left", padx=4)
        self.order_box.bind("<<ComboboxSelected>>", lambda e: self.load_order())
        tb.Label(top, text=_("Item")).pack(side="left", padx=(8, 0))
        self.line_box = tb.Combobox(top, state="readonly", width=34)
        self.line_box.pack(side="left", padx=4)
        week = tb.Frame(self)
        week.pack(fill="x", pady=6)
        tb.Button(week, text=_("< Week"), bootstyle="secondary-outline",
                  command=lambda: self.move_week(-7)).pack(side="left")
        self.week_label = tb.Label(week, text="", width=30, anchor="center")
        self.week_label.pack(side="left", padx=6)
        tb.Button(week, text=_("Week >"), bootstyle="secondary-outline",
                  command=lambda: self.move_week(7)).pack(side="left")
        who = tb.Frame(self)
        who.pack(fill="x")
        tb.Label(who, text=_("Find a worker")).pack(side="left")
        self.worker_filter = tb.StringVar()
        find = tb.Entry(who, textvariable=self.worker_filter, width=16)
        find.pack(side="left", padx=4)
        find.bind("<KeyRelease>", lambda e: self._build_grid())
        self.everyone = tb.BooleanVar(value=False)
        tb.Checkbutton(who, text=_("All workers, not only those who sew this week"),
                       variable=self.everyone, command=self._build_grid).pack(side="left", padx=8)
        self.who_note = tb.Label(who, text="", bootstyle="secondary")
        self.who_note.pack(side="left")
        # The grid scrolls by itself, so the form and Save stay in view whatever the team size.
        self.grid_scroll = ScrollFrame(self)
        self.grid_scroll.host.canvas.configure(height=230)
        self.grid_scroll.pack(fill="x", pady=(4, 0))
        self.grid_frame = self.grid_scroll.body
        self.cells: dict[tuple[int, int], tb.Entry] = {}
        self.typed: dict[tuple[int, dt.date], str] = {}
        self.workers = []
        form = self.form = Form(self)
        form.pack(fill="x", pady=(6, 0))
        form.add("pieces", _("Pieces"), tb.Label)
        form.add("over_reason", _("Reason for more than asked"),
                 help=_("Only when recording more pieces than the order asks for."))
        form.add("shortage_reason", _("Reason for missing material"),
                 help=_("Only when the material in stock is not enough (the stock goes below zero)."))
        tb.Button(self.actions, text=_("Save output"), bootstyle="primary",
                  command=self.save).pack(side="right")
        self.recorded = tb.Treeview(self, columns=("day", "worker", "item", "pieces", "note"),
                                    show="headings", height=5)
        for cid, text, w in (("day", _("Day"), 90), ("worker", _("Worker"), 180),
                             ("item", _("Item"), 200), ("pieces", _("Pieces"), 60),
                             ("note", _("Note"), 260)):
            self.recorded.heading(cid, text=text, anchor="w")
            self.recorded.column(cid, width=w, anchor="w")
        self.recorded.pack(fill="both", expand=True, pady=(6, 0))
        fix = tb.Frame(self)
        fix.pack(fill="x")
        tb.Label(fix, text=_("Reason")).pack(side="left")
        self.fix_reason = tb.Entry(fix, width=40)
        self.fix_reason.pack(side="left", padx=4)
        tb.Button(fix, text=_("Take back the selected output"), bootstyle="warning-outline",
                  command=self.correct).pack(side="left")
        self.fix_error = tb.Label(fix, text="", bootstyle="danger")
        self.fix_error.pack(side="left", padx=6)
        self._build_grid()

    # ------------------------------------------------------------------ orders
    def on_show(self) -> None:
        self.orders = production.board(self.ctx.actor, states=OUTPUT_STATES, today=self.today)
        self.order_box.configure(values=[f"{o.no}  {o.customer}  ({o.made}/{o.quantity})"
                                         for o in self.orders])
        if self.order is not None:
            ids = [o.id for o in self.orders]
            if self.order.id in ids:
                self.order_box.current(ids.index(self.order.id))
                self.load_order(keep_line=True)
                return
        if self.orders and self.order is None:
            self.order_box.current(0)
            self.load_order()

    def select_order(self, order_id: int) -> None:
        ids = [o.id for o in self.orders]
        if order_id in ids:
            self.order_box.current(ids.index(order_id))
            self.load_order()

    def load_order(self, keep_line: bool = False) -> None:
        index = self.order_box.current()
        if index < 0:
            return
        old = self.line_box.current() if keep_line else 0
        self.order = production.get_order(self.ctx.actor, self.orders[index].id)
        self.line_box.configure(values=[f"{ln.code}  ({ln.made}/{ln.quantity})"
                                        for ln in self.order.lines])
        if self.order.lines:
            self.line_box.current(max(0, min(old, len(self.order.lines) - 1)))
        self._show_recorded()

    def _show_recorded(self) -> None:
        self.recorded.delete(*self.recorded.get_children())
        if self.order is None:
            return
        for r in production_output.order_output(self.ctx.actor, self.order.id)[:300]:
            note = r.note + (_(" (taken back)") if r.corrected else "")
            self.recorded.insert("", "end", iid=str(r.id), values=(
                r.day.isoformat(), f"{r.worker_code} {r.worker_name}", r.variant_code, r.pieces, note))

    # ------------------------------------------------------------------ the week grid
    def move_week(self, days: int) -> None:
        self._keep_typed()
        self.cells = {}
        self.monday += dt.timedelta(days=days)
        self._build_grid()

    def _days(self) -> list[dt.date]:
        return [self.monday + dt.timedelta(days=i) for i in range(DAYS)]

    def _keep_typed(self) -> None:
        """Remember what was typed, so a filter or a week change loses nothing."""
        days = self._days()
        for (r, c), e in self.cells.items():
            key = (self.workers[r - 1].id, days[c - 1])
            text = e.get().strip()
            if text:
                self.typed[key] = text
            else:
                self.typed.pop(key, None)

    def _load_workers(self) -> None:
        days = self._days()
        search = self.worker_filter.get()
        self.workers = production_week.week_workers(self.ctx.actor, days[0], days[-1],
                                                    everyone=self.everyone.get(), search=search)
        note = ""
        if not self.workers and not self.everyone.get() and not search.strip():
            # No time sheet yet this week: show everyone rather than an empty grid.
            self.workers = production_week.week_workers(self.ctx.actor, days[0], days[-1],
                                                        everyone=True)
            note = _("no time sheet this week yet: all workers shown")
        self.who_note.configure(text=note or ngettext("{n} worker",
                                                      "{n} workers", len(self.workers)).format(n=len(self.workers)))

    def _build_grid(self) -> None:
        if self.cells:
            self._keep_typed()
        for child in self.grid_frame.winfo_children():
            child.destroy()
        self.cells = {}
        self._load_workers()
        days = self._days()
        self.week_label.configure(text=f"{format_date(days[0])} - {format_date(days[-1])}")
        tb.Label(self.grid_frame, text=_("Worker"), font=("TkDefaultFont", 9, "bold")).grid(
            row=0, column=0, sticky="w")
        for c, d in enumerate(days, start=1):
            tb.Label(self.grid_frame, text=f"{format_weekday(d)} {d.day}", width=8, anchor="center",
                     font=("TkDefaultFont", 9, "bold")).grid(row=0, column=c)
        for r, w in enumerate(self.workers, start=1):
            tb.Label(self.grid_frame, text=f"{w.code}  {w.name_latin}", width=24).grid(
                row=r, column=0, sticky="w")
            for c, d in enumerate(days, start=1):
                e = tb.Entry(self.grid_frame, width=7, justify="center")
                if d > self.today:
                    e.configure(state="disabled")
                e.grid(row=r, column=c, padx=1, pady=1)
                if (w.id, d) in self.typed and d <= self.today:
                    e.insert(0, self.typed[(w.id, d)])
                e.bind("<Return>", lambda ev, rr=r, cc=c: self._move(rr + 1, cc))
                e.bind("<Down>", lambda ev, rr=r, cc=c: self._move(rr + 1, cc))
                e.bind("<Up>", lambda ev, rr=r, cc=c: self._move(rr - 1, cc))
                self.cells[(r, c)] = e
        if not self.workers:
            tb.Label(self.grid_frame, text=_("No worker found: add workers on the Workers screen, "
                                             "or change the search."),
                     bootstyle="warning").grid(row=1, column=0, columnspan=DAYS + 1, sticky="w")

    def _move(self, row: int, col: int):
        cell = self.cells.get((row, col))
        if cell is not None:
            cell.focus_set()
            cell.select_range(0, "end")
        return "break"

    def set_cell(self, worker_id: int, day: dt.date, value) -> None:
        r = next(i for i, w in enumerate(self.workers, start=1) if w.id == worker_id)
        c = self._days().index(day) + 1
        e = self.cells[(r, c)]
        e.delete(0, "end")
        e.insert(0, str(value))

    def entries(self) -> list[OutputEntry]:
        line = self.order.lines[self.line_box.current()]
        out = []
        self._keep_typed()
        for (worker_id, day), text in sorted(self.typed.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            out.append(OutputEntry(day, worker_id, line.variant_id, text))
        return out

    def save(self):
        if self.order is None or self.line_box.current() < 0:
            self.form.show_error(ValueError(_("Choose an order and an item first.")))
            return FAILED
        v = self.form.values()
        ids = call_service(self.form, production_output.record_output, self.ctx.actor,
                           self.order.id, self.entries(), over_reason=v["over_reason"],
                           shortage_reason=v["shortage_reason"], today=self.today,
                           field_map={"quantity": "shortage_reason", "day": "pieces",
                                      "worker": "pieces", "product": "pieces",
                                      "reason for more pieces": "over_reason",
                                      "reason for missing material": "shortage_reason"})
        if ids is FAILED:
            return FAILED
        for e in self.cells.values():
            if str(e.cget("state")) != "disabled":
                e.delete(0, "end")
        self.typed = {}
        self.form.set_values({"over_reason": "", "shortage_reason": ""})
        self.ctx.status(ngettext("{n} output row saved",
                                 "{n} output rows saved", len(ids)).format(n=len(ids)))
        self.on_show()
        return ids

    def correct(self):
        self.fix_error.configure(text="")
        sel = self.recorded.selection()
        if not sel:
            self.fix_error.configure(text=_("Select a row first."))
            return FAILED
        if not self.ctx.confirm(self, _("Take back output"),
                                _("Take back this output? Its materials return to stock and the "
                                  "pieces leave the worker's pay.")):
            return None
        try:
            result = production_output.correct_output(self.ctx.actor, int(sel[0]),
                                                      self.fix_reason.get())
        except PseError as exc:
            self.fix_error.configure(text=str(exc))
            return FAILED
        self.fix_reason.delete(0, "end")
        self.on_show()
        return result
