"""Workshop workers: the list, a worker's details, and their contracts (a raise is a new one)."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _, translate_label
from ...services.payroll import months as payroll, workers
from ...services.common import validate
from ...services.core.permissions import can
from ..common.amounts import call_confirming, watch_amount
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.commands import Command
from ..common.dates import DateField
from ..common.khmer import KhmerLabel
from .common import KhmerNames, money

FIELDS = ("code", "name_latin", "name_khmer", "kind", "job", "sex", "hire_date", "leave_date", "dependants",
          "nssf_member", "nssf_number", "pay_method", "bank_account", "child_code")


class WorkersScreen(Screen):
    title = N_("Workshop workers")
    commands = (Command("new", "new"), Command("save", "save"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.can_edit = can(ctx.actor, "payroll.workers")
        top = tb.Frame(self)
        top.pack(fill="x", pady=(0, 6))
        tb.Label(top, text=_("Search")).pack(side="left")
        self.search = tb.StringVar()
        self.find_field = self.search
        entry = tb.Entry(top, textvariable=self.search, width=24)
        entry.pack(side="left", padx=6)
        entry.bind("<KeyRelease>", lambda e: self.table.show_page(0))
        self.kind = tb.StringVar(value="")
        for value, text in (("", _("All")), ("employee", _("Employees")), ("student", _("Students"))):
            tb.Radiobutton(top, text=text, value=value, variable=self.kind, bootstyle="toolbutton",
                           command=lambda: self.table.show_page(0)).pack(side="left", padx=1)
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        notebook = tb.Notebook(body)
        notebook.pack(side="right", fill="y", padx=(12, 0))
        self.table = PagedTable(body, [("code", _("Code"), 50), ("name", _("Name"), 130),
                                       ("job", _("Job"), 80), ("hired", _("Hired"), 80),
                                       ("contract", _("Contract today"), 200), ("state", _("State"), 50)])
        self.table.pack(side="left", fill="both", expand=True)
        self.names = KhmerNames(self.table.tree, 130)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.load_selected())
        self._details(notebook)
        self._contracts(notebook)
        self.notebook = notebook
        self.editing = None
        self.table.set_source(self.fetch)
        self.new()

    # ------------------------------------------------------------------ building
    def _details(self, notebook) -> None:
        page = tb.Frame(notebook, padding=8)
        notebook.add(page, text=_("Details"))
        self.form = Form(page, wrap=200)
        self.form.pack(fill="x")
        f = self.form
        f.add("code", _("Code"), width=22, help=_("Empty: the next free code"))
        f.add("name_latin", _("Name (Latin letters)"))
        f.add("name_khmer", _("Name (Khmer)"), khmer=True)
        f.add("kind", _("Kind"), tb.Combobox, values=list(workers.KINDS), state="readonly")
        f.add("job", _("Job"), tb.Combobox, values=list(payroll.JOBS))
        f.add("sex", _("Sex"), tb.Combobox, values={"": "-", "F": N_("Woman"), "M": N_("Man")}, state="readonly", width=8)
        f.add("hire_date", _("Hired on"), DateField, help=_("YYYY-MM-DD"))
        f.add("leave_date", _("Left on"), DateField, help=_("Empty while the worker is employed"))
        f.add("dependants", _("Dependants (tax)"), width=4)
        f.add("nssf_member", _("NSSF member"), tb.Checkbutton, var=tb.BooleanVar(value=True))
        f.add("nssf_number", _("NSSF number"))
        f.add("pay_method", _("Paid by"), tb.Combobox, values=list(workers.PAY_METHODS), state="readonly")
        f.add("bank_account", _("Bank account"))
        f.add("child_code", _("Child's code (students)"))
        # In the screen's button row, always in view: a new worker's form is taller than a
        # 768-pixel screen. Shown while the Details tab is.
        bar = self.details_bar = tb.Frame(self.actions)
        bar.pack(fill="x")
        notebook.bind("<<NotebookTabChanged>>", lambda e: self._details_bar(), add="+")
        tb.Button(bar, text=_("New"), bootstyle="secondary", command=self.new).pack(
            side="left")
        self.save_button = tb.Button(bar, text=_("Save"), bootstyle="primary", command=self.save)
        self.save_button.pack(side="right")
        if not self.can_edit:
            self.save_button.configure(state="disabled")

    def _details_bar(self) -> None:
        if self.notebook.index("current") == 0:
            self.details_bar.pack(fill="x")
        else:
            self.details_bar.pack_forget()

    def _contracts(self, notebook) -> None:
        page = tb.Frame(notebook, padding=8)
        notebook.add(page, text=_("Contracts"))
        self.contract_title = tb.Label(page, text="", font=("TkDefaultFont", 10, "bold"))
        self.contract_title.pack(anchor="w")
        self.contracts = tb.Treeview(page, columns=("from", "basis", "rate", "bonuses"), show="headings",
                                     height=6)
        for cid, text, width in (("from", _("From"), 85), ("basis", _("Basis"), 65), ("rate", _("Rate"), 70),
                                 ("bonuses", _("Bonuses"), 100)):
            self.contracts.heading(cid, text=text, anchor="w")
            self.contracts.column(cid, width=width, anchor="w")
        self.contracts.pack(fill="x", pady=4)
        tb.Label(page, text=_("New contract (a raise starts on its date; history stays)"),
                 bootstyle="secondary").pack(anchor="w", pady=(8, 0))
        self.cform = Form(page, wrap=220)
        self.cform.pack(fill="x")
        self.cform.add("effective_from", _("From"), DateField, help=_("YYYY-MM-DD"))
        self.cform.add("basis", _("Pay basis"), tb.Combobox, values=["monthly", "daily", "hourly", "piece"],
                       state="readonly")
        self.cform.add("rate", _("Rate (US$)"), help=_("A month, a day or an hour; pieces have their own rates"))
        watch_amount(self.cform, "rate")
        self.cform.add("bonuses", _("Legal bonuses"), tb.Checkbutton, var=tb.BooleanVar(value=True),
                       text=_("attendance, transport, seniority"))
        self.add_contract_button = tb.Button(page, text=_("Add contract"), bootstyle="primary",
                                             command=self.add_contract)
        self.add_contract_button.pack(anchor="e", pady=6)
        if not self.can_edit:
            self.add_contract_button.configure(state="disabled")

    # ------------------------------------------------------------------ data
    def fetch(self, page, size):
        rows = workers.list_workers(self.ctx.actor, search=self.search.get(), kind=self.kind.get())
        chunk = rows[page * size:(page + 1) * size]
        self._names = {w.id: w.name_khmer for w in chunk}
        out = [(w.id, (w.code, w.name_latin, translate_label(w.job), w.hire_date.isoformat(),
                       w.contract.describe() if w.contract else _("no contract"),
                       _("active") if w.active else _("left"))) for w in chunk]
        self.after_idle(self._show_names)
        return out, len(rows)

    def _show_names(self) -> None:
        for iid, key in self.table.keys.items():
            self.names.set(iid, self._names.get(key, ""))

    def new(self) -> None:
        self.editing = None
        self.form.clear_errors()
        self.form.set_values({"code": "", "name_latin": "", "name_khmer": "", "kind": "employee",
                              "job": "seamstress", "sex": "F", "hire_date": dt.date.today().isoformat(),
                              "leave_date": "", "dependants": "0", "nssf_member": True, "nssf_number": "",
                              "pay_method": "cash", "bank_account": "", "child_code": ""})
        self.contract_title.configure(text=_("Save the worker first"))
        self.contracts.delete(*self.contracts.get_children())
        self.add_contract_button.configure(state="disabled")
        self.form.widgets["name_latin"].focus_set()

    def load_selected(self) -> None:
        worker_id = self.table.selected_key()
        if worker_id is None:
            return
        w = workers.get_worker(self.ctx.actor, worker_id)
        self.editing = w
        self.form.clear_errors()
        self.form.set_values({name: ("" if getattr(w, name) is None else getattr(w, name)) for name in FIELDS})
        self.form.vars["hire_date"].set(w.hire_date.isoformat())
        self.form.vars["leave_date"].set(w.leave_date.isoformat() if w.leave_date else "")
        self.load_contracts()

    def load_contracts(self) -> None:
        w = self.editing
        self.contract_title.configure(text=f"{w.code} {w.name_latin}")
        self.contracts.delete(*self.contracts.get_children())
        for c in workers.list_contracts(self.ctx.actor, w.id):
            flags = _("yes") if c.attendance_bonus or c.transport_allowance or c.seniority_bonus else _("no")
            self.contracts.insert("", "end", values=(c.effective_from.isoformat(), c.basis,
                                                     money(c.rate_cents) if c.basis != "piece" else "",
                                                     flags))
        self.cform.clear_errors()
        self.cform.set_values({"effective_from": dt.date.today().replace(day=1).isoformat(),
                               "basis": "hourly" if w.kind == "student" else "monthly", "rate": "",
                               "bonuses": w.kind == "employee"})
        self.add_contract_button.configure(state="normal" if self.can_edit else "disabled")

    def save(self) -> None:
        values = self.form.values()
        result = call_service(self.form, workers.save_worker, self.ctx.actor,
                              self.editing.id if self.editing else None, values)
        if result is FAILED:
            return
        warnings = [w for w in (validate.script_warning(_("Name (Khmer)"), result.name_khmer, "khmer"),
                                validate.script_warning(_("Name (Latin letters)"), result.name_latin, "latin")) if w]
        self.ctx.status(" ".join([_("Saved worker {code}.").format(code=result.code)] + warnings))
        self.table.refresh()
        self.editing = result
        self.form.vars["code"].set(result.code)
        self.load_contracts()
        if not result.contract:
            self.notebook.select(1)
            self.cform.widgets["rate"].focus_set()

    def add_contract(self) -> None:
        if self.editing is None:
            return
        v = self.cform.values()
        bonuses = bool(v["bonuses"])
        result = call_confirming(self.cform, self.ctx.confirm, workers.add_contract, self.ctx.actor, self.editing.id,
                              v["effective_from"], v["basis"], v["rate"], attendance_bonus=bonuses,
                              transport_allowance=bonuses, seniority_bonus=bonuses,
                              seniority_pay=self.editing.kind == "employee")
        if result is FAILED:
            return
        self.ctx.status(_("Contract added: {text}.").format(text=result.describe()))
        self.load_contracts()
        self.table.refresh()
