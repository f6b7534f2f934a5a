"""Workshop workers (employees and student weekend workers) and their contracts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import counters, database
from ...db.centres import Child
from ...db.payroll import Contract, Payslip, Worker
from ..core import audit
from ..common import numbers, validate
from ..core import settings
from ..common.errors import ConflictError, NotFound, ValidationError
from .months import AREA, WAGE_HARD_LIMIT, month_label
from .calc import BASES
from ..common.records import refuse_duplicate, save_row
from ..core.permissions import Actor, require
from ...formats import format_date
from ...i18n import N_, _

KINDS = (N_("employee"), N_("student"))
PAY_METHODS = ("cash", "bank")


@dataclass(frozen=True)
class WorkerInfo:
    id: int
    code: str
    kind: str
    job: str
    name_latin: str
    name_khmer: str
    sex: str
    hire_date: dt.date
    leave_date: dt.date | None
    dependants: int
    nssf_member: bool
    nssf_number: str
    pay_method: str
    bank_account: str
    child_code: str
    active: bool
    contract: "ContractInfo | None" = None  # the one in force today


@dataclass(frozen=True)
class ContractInfo:
    id: int
    worker_id: int
    effective_from: dt.date
    basis: str
    rate_cents: int
    attendance_bonus: bool
    transport_allowance: bool
    seniority_bonus: bool
    seniority_pay: bool
    note: str

    def describe(self) -> str:
        """The pay and since when, in the reader's language ("$180.00/month from Jan 1, 2026")."""
        rate = validate.format_cents(self.rate_cents)
        what = {"monthly": _("{rate}/month"), "daily": _("{rate}/day"), "hourly": _("{rate}/hour"),
                "piece": _("by piece rates")}[self.basis].format(rate=rate)
        return _("{what} from {day}").format(what=what, day=format_date(self.effective_from))


def _contract_info(c: Contract) -> ContractInfo:
    return ContractInfo(c.id, c.worker_id, c.effective_from, c.basis, c.rate_cents, c.attendance_bonus,
                        c.transport_allowance, c.seniority_bonus, c.seniority_pay, c.note)


def _info(w: Worker, contract: Contract | None = None) -> WorkerInfo:
    return WorkerInfo(w.id, w.code, w.kind, w.job, w.name_latin, w.name_khmer, w.sex, w.hire_date,
                      w.leave_date, w.dependants, w.nssf_member, w.nssf_number, w.pay_method,
                      w.bank_account, w.child_code, w.active,
                      _contract_info(contract) if contract else None)


def contract_on(contracts: list, day: dt.date):
    """The contract in force on ``day`` from a list sorted by effective date (or None)."""
    found = None
    for c in contracts:
        if c.effective_from <= day:
            found = c
    return found


def list_workers(actor: Actor, *, search: str = "", kind: str = "", active_only: bool = False,
                 on: dt.date | None = None) -> list[WorkerInfo]:
    """Workers by code, each with the contract in force on ``on`` (today by default)."""
    require(actor, "payroll.view")
    query = Worker.select().order_by(Worker.code)
    if search:
        like = f"%{search.strip()}%"
        query = query.where(Worker.code ** like | Worker.name_latin ** like | Worker.name_khmer ** like)
    if kind:
        query = query.where(Worker.kind == kind)
    if active_only:
        query = query.where(Worker.active == True)  # noqa: E712
    workers = list(query)
    by_worker: dict[int, list] = {}
    for c in (Contract.select().where(Contract.worker.in_([w.id for w in workers]))
              .order_by(Contract.effective_from)):
        by_worker.setdefault(c.worker_id, []).append(c)
    on = on or dt.date.today()
    return [_info(w, contract_on(by_worker.get(w.id, []), on)) for w in workers]


def get_worker(actor: Actor, worker_id: int) -> WorkerInfo:
    require(actor, "payroll.view")
    w = Worker.get_or_none(Worker.id == worker_id)
    if w is None:
        raise NotFound(_("worker {worker_id}").format(worker_id=worker_id))
    contracts = list(w.contracts.order_by(Contract.effective_from))
    return _info(w, contract_on(contracts, dt.date.today()))


def _used_code(prefix: str) -> int:
    numbers = [int(w.code[1:]) for w in Worker.select(Worker.code).where(Worker.code.startswith(prefix))
               if w.code[1:].isdigit()]
    return max(numbers, default=0)


def next_code(kind: str) -> str:
    """The next worker code of its kind (E001, S001...), from its counter; inside a transaction."""
    prefix = "S" if kind == "student" else "E"
    number = counters.next_value(f"worker:{prefix}", lambda: _used_code(prefix))
    while Worker.select().where(Worker.code == f"{prefix}{number:03d}").exists():
        number = counters.next_value(f"worker:{prefix}", lambda: _used_code(prefix))  # typed by hand
    return f"{prefix}{number:03d}"


def clean_worker(values: dict) -> dict:
    """Check a worker's fields; return the clean values (raises ValidationError by field)."""
    kind = validate.choice("kind", values.get("kind") or "employee", KINDS)
    out = {
        "kind": kind,
        "code": validate.code("code", values.get("code") or "", 10) if values.get("code") else "",
        "job": validate.text("job", values.get("job") or ("student" if kind == "student" else ""), 30),
        "name_latin": validate.name("name_latin", values.get("name_latin"), 80),
        "name_khmer": validate.name("name_khmer", values.get("name_khmer"), 80, required=False),
        "sex": validate.choice("sex", validate.text("sex", values.get("sex"), 10, required=False)
                               .upper()[:1], ("", "F", "M")),
        "hire_date": validate.date("hire_date", values.get("hire_date"), earliest=dt.date(1980, 1, 1),
                                   latest=validate.years_from(dt.date.today(), 1),
                                   why="from 1980 to a year ahead"),
        "leave_date": validate.date("leave_date", values.get("leave_date"), required=False,
                                    earliest=dt.date(1980, 1, 1), latest=validate.years_from(dt.date.today(), 5)),
        "dependants": validate.integer("dependants", values.get("dependants") or 0, 0, 20),
        "nssf_member": bool(values.get("nssf_member", kind == "employee")),
        "nssf_number": validate.text("nssf_number", values.get("nssf_number"), 30, required=False),
        "pay_method": validate.choice("pay_method", values.get("pay_method") or "cash", PAY_METHODS),
        "bank_account": validate.text("bank_account", values.get("bank_account"), 40, required=False),
        "child_code": validate.text("child_code", values.get("child_code"), 20, required=False).upper(),
    }
    if out["leave_date"] and out["leave_date"] < out["hire_date"]:
        raise ValidationError("leave_date", _("must not be before the hire date"))
    if out["pay_method"] == "bank" and not out["bank_account"]:
        raise ValidationError("bank_account", _("is required for pay by bank"))
    if out["child_code"] and kind != "student":
        raise ValidationError("child_code", _("only a student worker is linked to a child's record"))
    if out["child_code"] and not Child.select().where(Child.code == out["child_code"]).exists():
        raise ValidationError("child_code", _("no child has the code {child_code}").format(child_code=out['child_code']))
    return out


def save_worker(actor: Actor, worker_id: int | None, values: dict) -> WorkerInfo:
    """Create (``worker_id`` None) or edit a worker. Names in Latin letters and in Khmer."""
    require(actor, "payroll.workers")
    clean = clean_worker(values)
    with database.atomic():
        if not clean["code"]:
            clean["code"] = next_code(clean["kind"])
        refuse_duplicate(Worker, "code", clean["code"], worker_id, "worker")
        clean["active"] = clean["leave_date"] is None or clean["leave_date"] >= dt.date.today()
        w = save_row(actor, Worker, worker_id, clean, area=AREA, entity="worker",
                     update_prefix=f"worker {clean['code']}: ",
                     created=f"worker {clean['code']} {clean['name_latin']} ({clean['kind']}, "
                             f"{clean['job']}), hired {clean['hire_date']}")
    return get_worker(actor, w.id)


def rate_limits(basis: str) -> numbers.Plausible:
    """The usual range of a monthly, daily or hourly rate, from the usual highest monthly wage."""
    high = settings.get("payroll_wage_usual_max_cents")
    minimum = settings.get("payroll_sector_minimum_cents") or 20_000
    share, per = {"monthly": (1, N_("a month")), "daily": (26, N_("a day")), "hourly": (208, N_("an hour"))}[basis]
    return numbers.Plausible(minimum // 2 // share, high // share, WAGE_HARD_LIMIT // share, per)


def list_contracts(actor: Actor, worker_id: int) -> list[ContractInfo]:
    require(actor, "payroll.view")
    return [_contract_info(c) for c in Contract.select().where(Contract.worker == worker_id)
            .order_by(Contract.effective_from.desc())]


def add_contract(actor: Actor, worker_id: int, effective_from, basis: str, rate, *,
                 attendance_bonus: bool | None = None, transport_allowance: bool | None = None,
                 seniority_bonus: bool | None = None, seniority_pay: bool | None = None,
                 note: str = "", confirm: bool = False) -> ContractInfo:
    """Add the contract in force from a date (a raise): earlier history stays as it was.

    The garment-sector bonuses default to on for employees and off for students. A rate
    outside the usual range (settings) needs ``confirm``: NeedsConfirmation says so.
    """
    require(actor, "payroll.workers")
    start = validate.date("effective_from", effective_from)
    basis = validate.choice("basis", basis, BASES)
    rate_cents = validate.money_cents("rate", rate if rate not in (None, "") else 0)
    if basis != "piece" and rate_cents <= 0:
        raise ValidationError("rate", _("a {basis} rate is needed").format(basis=basis))
    if basis != "piece":
        numbers.check_plausible("rate", rate_cents, "USD", rate_limits(basis), confirm)
    note = validate.text("note", note, 200, required=False)
    with database.atomic():
        w = Worker.get_or_none(Worker.id == worker_id)
        if w is None:
            raise NotFound(_("worker {worker_id}").format(worker_id=worker_id))
        last_final = _last_final_month()
        if last_final is not None and start.replace(day=1) <= last_final:
            # It would change the pay of every finalised month from its start on.
            raise ConflictError(_("The payroll of {month} is finalised; a new contract starts in a "
                                  "later month (corrections are adjustments in a later month).")
                                .format(month=month_label(last_final)))
        if Contract.select().where((Contract.worker == w) & (Contract.effective_from == start)).exists():
            raise ValidationError("effective_from", _("{code} already has a contract from {start}").format(code=w.code, start=start))
        employee = w.kind == "employee"
        flags = {name: employee if value is None else bool(value) for name, value in (
            ("attendance_bonus", attendance_bonus), ("transport_allowance", transport_allowance),
            ("seniority_bonus", seniority_bonus), ("seniority_pay", seniority_pay))}
        c = Contract.create(worker=w, effective_from=start, basis=basis, rate_cents=rate_cents, note=note,
                            **flags)
        info = _contract_info(c)
        audit.record(actor, AREA, "create", "contract", c.id, f"contract of {w.code}: {info.describe()}")
    return info


def delete_contract(actor: Actor, contract_id: int) -> None:
    """Remove a contract entered by mistake, unless a payslip has been computed with it."""
    require(actor, "payroll.workers")
    with database.atomic():
        c = Contract.get_or_none(Contract.id == contract_id)
        if c is None:
            raise NotFound(_("contract {contract_id}").format(contract_id=contract_id))
        if _used_by_final(c):
            raise ConflictError(_("This contract was used by a finalised payroll; add a new contract instead."))
        info = _contract_info(c)
        c.delete_instance()
        audit.record(actor, AREA, "delete", "contract", contract_id, f"contract removed: {info.describe()}")


def _last_final_month() -> dt.date | None:
    from ...db.payroll import PayRun

    row = (PayRun.select(PayRun.month).where(PayRun.status == "final")
           .order_by(PayRun.month.desc()).first())
    if row is None:
        return None
    month = row.month
    return month if isinstance(month, dt.date) else dt.date.fromisoformat(str(month))


def _used_by_final(c: Contract) -> bool:
    from ...db.payroll import PayRun

    return (Payslip.select().join(PayRun)
            .where((Payslip.worker == c.worker_id) & (PayRun.status == "final")
                   & (PayRun.month >= c.effective_from.replace(day=1))).exists())


def find_by_code(actor: Actor, code: str, field: str = "worker") -> WorkerInfo:
    """The worker with this code; ValidationError on ``field`` when there is none."""
    require(actor, "payroll.view")
    text = validate.text(field, code, 10).upper()
    w = Worker.get_or_none(Worker.code == text)
    if w is None:
        raise ValidationError(field, _("no worker with the code {text}").format(text=text))
    return get_worker(actor, w.id)
