"""What a payroll run shows and prints: register, payslips, cash list, NSSF list, exports,
fair wage. Plain data for the screens and the PDF reports (which never query)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from .explain import explanation_text
from ...db.payroll import PayRun, Payslip, PayslipLine
from ..core import settings
from ..common import validate
from ..common.tables import check_table_path, write_table
from ..common.errors import NotFound, ValidationError
from ..core.home import Card
from .months import add_months, month_label, parse_month
from .calc import cash_breakdown, round_half_up, total_cash
from ..core.permissions import Actor, can, require
from ...i18n import N_, _, ngettext

TOTAL_KEYS = ("gross_cents", "nssf_employee_cents", "tax_khr", "tax_cents", "advance_cents",
              "other_deductions_cents", "net_cents", "er_pension_cents", "er_health_cents", "er_risk_cents",
              "employer_cost_cents", "gross_khr", "nssf_employee_khr", "er_pension_khr", "er_health_khr",
              "er_risk_khr")


@dataclass(frozen=True)
class RegisterRow:
    id: int
    worker_id: int
    code: str
    name_latin: str
    name_khmer: str
    kind: str
    job: str
    basis: str
    pay_method: str
    nssf_number: str
    days_worked: str
    hours_worked: str
    gross_cents: int
    gross_khr: int
    nssf_base_khr: int
    nssf_employee_khr: int
    nssf_employee_cents: int
    er_pension_khr: int
    er_health_khr: int
    er_risk_khr: int
    er_pension_cents: int
    er_health_cents: int
    er_risk_cents: int
    taxable_khr: int
    tax_khr: int
    tax_cents: int
    advance_cents: int
    other_deductions_cents: int
    total_deductions_cents: int
    net_cents: int
    employer_cost_cents: int
    regular_pay_cents: int
    reference_cents: int

    @property
    def fair_difference_cents(self) -> int | None:
        return self.regular_pay_cents - self.reference_cents if self.reference_cents else None

    @property
    def fair_percent(self) -> Decimal | None:
        """(pay - reference) / reference in %, half-up to 0.1."""
        if not self.reference_cents:
            return None
        tenths = round_half_up(Fraction((self.regular_pay_cents - self.reference_cents) * 1000,
                                        self.reference_cents))
        return Decimal(tenths).scaleb(-1)


@dataclass
class RunView:
    month: dt.date
    status: str  # none | draft | final
    khr_per_usd: int = 0
    rates_from: dt.date | None = None
    warnings: list = field(default_factory=list)
    rows: list[RegisterRow] = field(default_factory=list)
    totals: dict = field(default_factory=dict)
    computed_at: dt.datetime | None = None
    computed_by: str = ""
    finalised_at: dt.datetime | None = None
    finalised_by: str = ""
    org_name: str = ""

    @property
    def label(self) -> str:
        return month_label(self.month)


_ROW_FIELDS = [f for f in RegisterRow.__dataclass_fields__ if f not in ("id", "worker_id")]


def _row(p: Payslip) -> RegisterRow:
    return RegisterRow(p.id, p.worker_id, *(getattr(p, f) for f in _ROW_FIELDS))


def register(actor: Actor, month) -> RunView:
    """The run of a month with one row per payslip and totals that are sums of the rows."""
    require(actor, "payroll.view")
    month = parse_month(month)
    run = PayRun.get_or_none(PayRun.month == month)
    view = RunView(month, "none", org_name=settings.get("org_name"))
    if run is None:
        return view
    view.status, view.khr_per_usd, view.rates_from = run.status, run.khr_per_usd, run.rates_from
    view.warnings = run.warning_list()
    view.computed_at, view.computed_by = run.computed_at, run.computed_by
    view.finalised_at, view.finalised_by = run.finalised_at, run.finalised_by
    view.rows = [_row(p) for p in Payslip.select().where(Payslip.run == run).order_by(Payslip.code)]
    view.totals = {key: sum(getattr(r, key) for r in view.rows) for key in TOTAL_KEYS}
    return view


@dataclass(frozen=True)
class LineView:
    code: str
    label: str
    kind: str
    amount_cents: int
    amount_khr: int | None
    explanation: str


def payslip_lines(actor: Actor, payslip_id: int) -> list[LineView]:
    require(actor, "payroll.view")
    return [LineView(l.code, l.label, l.kind, l.amount_cents, l.amount_khr, explanation_text(l.explanation))
            for l in PayslipLine.select().where(PayslipLine.payslip == payslip_id).order_by(PayslipLine.seq)]


@dataclass
class PayslipDoc:
    row: RegisterRow
    lines: list[LineView]


def payslip_documents(actor: Actor, month, worker_ids=None) -> tuple[RunView, list[PayslipDoc]]:
    """Everything the payslip PDF draws, for every worker of the run (or those given)."""
    view = register(actor, month)
    if view.status == "none":
        raise NotFound(_("there is no payroll for {month_label}; compute the draft first").format(month_label=month_label(view.month)))
    rows = [r for r in view.rows if worker_ids is None or r.worker_id in set(worker_ids)]
    by_slip: dict[int, list] = {}
    for l in (PayslipLine.select().where(PayslipLine.payslip.in_([r.id for r in rows]))
              .order_by(PayslipLine.payslip, PayslipLine.seq)):
        by_slip.setdefault(l.payslip_id, []).append(
            LineView(l.code, l.label, l.kind, l.amount_cents, l.amount_khr, explanation_text(l.explanation)))
    return view, [PayslipDoc(r, by_slip.get(r.id, [])) for r in rows]


# --------------------------------------------------------------------------- lists
@dataclass
class CashList:
    view: RunView
    rows: list[tuple[RegisterRow, dict]]
    total: dict
    bank_rows: list[RegisterRow]


def cash_list(actor: Actor, month) -> CashList:
    """Notes and coins to prepare for each worker paid in cash (USD notes, the cents in riel)."""
    view = register(actor, month)
    rows = [(r, cash_breakdown(r.net_cents, view.khr_per_usd)) for r in view.rows if r.pay_method == "cash"]
    return CashList(view, rows, total_cash([b for _, b in rows]),
                    [r for r in view.rows if r.pay_method != "cash"])


def nssf_list(actor: Actor, month) -> tuple[RunView, list[RegisterRow], dict]:
    """NSSF members of the run with their base and contributions in riel (and totals)."""
    view = register(actor, month)
    rows = [r for r in view.rows if r.nssf_base_khr]
    keys = ("nssf_base_khr", "nssf_employee_khr", "er_pension_khr", "er_health_khr", "er_risk_khr",
            "gross_khr")
    return view, rows, {k: sum(getattr(r, k) for r in rows) for k in keys}


EXPORT_HEADER = ["code", "name_latin", "days_worked", "gross_usd", "nssf_employee_usd", "tax_khr", "net_usd",
                 "employer_nssf_pension_usd", "employer_nssf_health_usd", "employer_nssf_risk_usd",
                 "employer_cost_usd"]


def _usd(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def export_rows(actor: Actor, month) -> tuple[list[str], list[list]]:
    view = register(actor, month)
    if view.status == "none":
        raise NotFound(_("there is no payroll for {month_label}").format(month_label=month_label(view.month)))
    rows = [[r.code, r.name_latin, r.days_worked, _usd(r.gross_cents), _usd(r.nssf_employee_cents), r.tax_khr,
             _usd(r.net_cents), _usd(r.er_pension_cents), _usd(r.er_health_cents), _usd(r.er_risk_cents),
             _usd(r.employer_cost_cents)] for r in view.rows]
    t = view.totals
    rows.append(["TOTAL", "", "", _usd(t["gross_cents"]), _usd(t["nssf_employee_cents"]), t["tax_khr"],
                 _usd(t["net_cents"]), _usd(t["er_pension_cents"]), _usd(t["er_health_cents"]),
                 _usd(t["er_risk_cents"]), _usd(t["employer_cost_cents"])])
    return EXPORT_HEADER, rows


def export_payroll(actor: Actor, month, path) -> int:
    """Write the month's payroll to CSV (UTF-8 with BOM) or XLSX by the file's extension."""
    check_table_path(path)
    header, rows = export_rows(actor, month)

    def numbers(row):
        # amounts as numbers (Decimal keeps them exact) so that Excel can add them up
        return [Decimal(v) if i in (3, 4, 6, 7, 8, 9, 10) else v for i, v in enumerate(row)]

    write_table(path, header, rows, parse_month(month).strftime("%Y-%m"), xlsx_row=numbers)
    return len(rows) - 1


# --------------------------------------------------------------------------- fair wage
@dataclass(frozen=True)
class FairPoint:
    month: dt.date
    pay_cents: int
    reference_cents: int

    @property
    def percent(self) -> Decimal:
        tenths = round_half_up(Fraction((self.pay_cents - self.reference_cents) * 1000, self.reference_cents))
        return Decimal(tenths).scaleb(-1)


def fair_wage_series(actor: Actor, last_month, count: int = 12, worker_id: int | None = None) -> list[FairPoint]:
    """Per month: total regular pay of full-month employees against the sector reference.

    For the workshop the pay and reference are summed over employees (so the percentage is
    the workshop's); for one worker, that worker's own figures.
    """
    require(actor, "payroll.view")
    last = parse_month(last_month)
    first = add_months(last, -(count - 1))
    query = (Payslip.select(PayRun.month, Payslip.regular_pay_cents, Payslip.reference_cents)
             .join(PayRun).where(PayRun.month.between(first, last) & (Payslip.reference_cents > 0)))
    if worker_id is not None:
        query = query.where(Payslip.worker == worker_id)
    sums: dict[dt.date, list[int]] = {}
    for p in query.objects():
        pair = sums.setdefault(p.month, [0, 0])
        pair[0] += p.regular_pay_cents
        pair[1] += p.reference_cents
    return [FairPoint(m, *sums[m]) for m in sorted(sums)]


# --------------------------------------------------------------------------- home
def home_cards(actor: Actor, target) -> list[Card]:
    if not can(actor, "payroll.view"):
        return []
    from .run import next_month_to_pay

    today = dt.date.today()
    month = next_month_to_pay(today)
    run = PayRun.get_or_none(PayRun.month == month)
    if run is None:
        if month >= today.replace(day=1):
            return []
        return [Card(_("Payroll"), (_("The payroll of {month} is not computed yet.").format(
            month=month_label(month)),), "payroll_run", "warning")]
    count = Payslip.select().where(Payslip.run == run).count()
    level = "warning" if run.warning_list() else "info"
    n = len(run.warning_list())
    return [Card(_("Payroll"), (ngettext("{month}: draft of {n} payslip, not finalised.",
                                         "{month}: draft of {n} payslips, not finalised.",
                                         count).format(month=month_label(month), n=count),
                                ngettext("{n} warning to review.", "{n} warnings to review.",
                                         n).format(n=n)), "payroll_run", level)]


# --------------------------------------------------------------------------- documents
DOCUMENTS = {"payslips": N_("Payslips"), "register": N_("Payroll register"), "cash": N_("Cash list"),
             "nssf": N_("NSSF list")}


def write_pdf(actor: Actor, kind: str, month, out, progress=None, worker_ids=None) -> Path:
    """Draw one of the run's documents to ``out`` (reportlab is imported only here)."""
    require(actor, "payroll.view")
    validate.choice("kind", kind, list(DOCUMENTS))
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise ValidationError("out", _("the file must end in .pdf"))
    if kind == "payslips":
        from ...reports.payroll.payslips import render_payslips

        view, docs = payslip_documents(actor, month, worker_ids)
        render_payslips(view, docs, out, progress)
        return out
    view = register(actor, month)
    if view.status == "none":
        raise NotFound(_("there is no payroll for {month_label}; compute the draft first").format(month_label=month_label(view.month)))
    if kind == "register":
        from ...reports.payroll.payslips import render_register

        render_register(view, out)
    elif kind == "cash":
        from ...reports.payroll.lists import render_cash_list

        render_cash_list(cash_list(actor, month), out)
    else:
        from ...reports.payroll.lists import render_nssf_list

        render_nssf_list(*nssf_list(actor, month), out)
    return out
