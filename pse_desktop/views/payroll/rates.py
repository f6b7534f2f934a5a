"""Payroll rates as dated data (a new minimum wage every January) and the public holidays."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.payroll import months as payroll
from ...services.payroll import rate_fields
from ...services.core.permissions import can
from ...services.common.validate import format_cents
from ..common.amounts import call_confirming, watch_amount
from ..common.base import FAILED, Form, Screen, call_service
from ..common.commands import Command
from ..common.dates import DateField


class RatesScreen(Screen):
    title = N_("Payroll rates and public holidays")
    commands = (Command("save", "save"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.can_edit = can(ctx.actor, "payroll.rates")
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        left = tb.Frame(body)
        left.pack(side="left", fill="y")
        tb.Label(left, text=_("Rates in force from"), font=("TkDefaultFont", 10, "bold")).pack(anchor="w")
        self.list = tb.Treeview(left, columns=("from", "wage", "note"), show="headings", height=6)
        for cid, text, width in (("from", _("From"), 90), ("wage", _("Minimum wage"), 100), ("note", _("Note"), 200)):
            self.list.heading(cid, text=text, anchor="w")
            self.list.column(cid, width=width, anchor="w")
        self.list.pack(fill="x", pady=4)
        self.list.bind("<<TreeviewSelect>>", lambda e: self.load_selected())
        tb.Label(left, text=_("Public holidays (they move by decree: enter them each year)"),
                 font=("TkDefaultFont", 10, "bold")).pack(anchor="w", pady=(12, 0))
        self.holidays = tb.Treeview(left, columns=("day", "name"), show="headings", height=9)
        self.holidays.heading("day", text=_("Day"), anchor="w")
        self.holidays.heading("name", text=_("Holiday"), anchor="w")
        self.holidays.column("day", width=100)
        self.holidays.pack(fill="x", pady=4)
        self.hform = Form(left)
        self.hform.pack(fill="x")
        self.hform.add("day", _("Day (YYYY-MM-DD)"), DateField)
        self.hform.add("name", _("Name"))
        bar = tb.Frame(left)
        bar.pack(fill="x")
        self.add_holiday_button = tb.Button(bar, text=_("Add holiday"), bootstyle="primary", command=self.add_holiday)
        self.add_holiday_button.pack(side="right")
        self.remove_holiday_button = tb.Button(bar, text=_("Remove"), bootstyle="danger-outline",
                                               command=self.remove_holiday)
        self.remove_holiday_button.pack(side="left")
        right = tb.Labelframe(body, text=_("Rates"), padding=8)
        right.pack(side="right", fill="both", expand=True, padx=(12, 0), before=left)
        scroller = tb.Frame(right)  # the screen itself scrolls
        scroller.pack(fill="both", expand=True)
        self.form = Form(scroller, wrap=260, stacked=True)
        tb.Label(scroller, text=_("A new date adds new rates; the date of existing rates changes them (not if "
                                  "a finalised payroll used them)."), bootstyle="secondary", wraplength=420,
                 justify="left").pack(anchor="w", pady=(0, 6))
        self.form.pack(fill="x")
        self.form.add("effective_from", _("In force from (YYYY-MM-DD)"), DateField)
        for name, label, unit in rate_fields.EDITABLE_RATES:
            self.form.add(name, _(label), width=12)
            if unit in (rate_fields.USD, rate_fields.KHR):
                watch_amount(self.form, name, "USD" if unit == rate_fields.USD else "KHR")
        self.form.add("tax_brackets", _("Tax brackets (upper bound in riel: rate in %)"), width=30,
                      help=_("Separated by ';', the last one open: {example}").format(
                          example=rate_fields.brackets_text(((1_500_000, 0), (2_000_000, 500), (None, 2_000)))))
        self.form.add("note", _("Note"))
        self.save_button = tb.Button(right, text=_("Save rates"), bootstyle="primary", command=self.save)
        self.save_button.pack(anchor="e", pady=6)
        if not self.can_edit:
            for b in (self.save_button, self.add_holiday_button, self.remove_holiday_button):
                b.configure(state="disabled")
        self.rows = {}
        self.refresh()

    def refresh(self) -> None:
        self.list.delete(*self.list.get_children())
        self.rows = {}
        for row in payroll.list_rates(self.ctx.actor):
            note = row.note + (" " + _("(used by a finalised payroll)") if row.used_by_final_run else "")
            iid = self.list.insert("", "end", values=(row.effective_from.isoformat(),
                                                      format_cents(row.rates.minimum_wage_cents), note))
            self.rows[iid] = row
        if self.rows:
            self.list.selection_set(next(iter(self.rows)))
        self.load_holidays()

    def load_selected(self) -> None:
        sel = self.list.selection()
        if not sel:
            return
        row = self.rows[sel[0]]
        values = {name: rate_fields.rate_text(name, getattr(row.rates, name))
                  for name, _label, _unit in rate_fields.EDITABLE_RATES}
        values.update(effective_from=row.effective_from.isoformat(), note=row.note,
                      tax_brackets=rate_fields.brackets_text(row.rates.tax_brackets))
        self.form.clear_errors()
        self.form.set_values(values)

    def save(self) -> None:
        v = self.form.values()
        values = {name: v[name] for name, _label, _unit in rate_fields.EDITABLE_RATES}
        values["tax_brackets"] = v["tax_brackets"]
        if call_confirming(self.form, self.ctx.confirm, payroll.save_rates, self.ctx.actor, v["effective_from"],
                           values, v["note"]) is FAILED:
            return
        self.ctx.status(_("Rates from {day} saved.").format(day=v["effective_from"]))
        self.refresh()

    def load_holidays(self) -> None:
        self.holidays.delete(*self.holidays.get_children())
        year = dt.date.today().year
        for day, name in payroll.list_holidays(self.ctx.actor):
            if day.year >= year - 1:
                self.holidays.insert("", "end", iid=day.isoformat(), values=(day.isoformat(), name))

    def add_holiday(self) -> None:
        v = self.hform.values()
        if call_service(self.hform, payroll.save_holiday, self.ctx.actor, v["day"], v["name"]) is FAILED:
            return
        self.hform.set_values({"day": "", "name": ""})
        self.load_holidays()

    def remove_holiday(self) -> None:
        sel = self.holidays.selection()
        if not sel or not self.ctx.confirm(self, _("Remove holiday"), _("Remove the public holiday {day}?")
                                           .format(day=sel[0])):
            return
        if call_service(self.hform, payroll.delete_holiday, self.ctx.actor, sel[0]) is FAILED:
            return
        self.load_holidays()

