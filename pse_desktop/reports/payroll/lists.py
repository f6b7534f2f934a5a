"""Cash list (notes to prepare per worker, in USD and riel) and the NSSF contribution list."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import register_fonts, shaped_paragraph
from ..common.labels import both
from ...i18n import N_, _, ngettext
from .payslips import GRID, HEAD, _latin, text, usd


def _head(labels, style, bilingual=False) -> list:
    return [shaped_paragraph(both(h) if bilingual else _(h), style) for h in labels]


def _notes(counts: dict, prefix: str) -> str:
    return "  ".join(f"{count}×{prefix}{note:,}" for note, count in counts.items())


def _table(rows, widths, right_from=2):
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD),
                               ("FONTSIZE", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("ALIGN", (right_from, 1), (-1, -1), "RIGHT"),
                               ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black)]))
    return table


def render_cash_list(cash, out) -> None:
    register_fonts()
    view = cash.view
    title = _latin("CashTitle", 14, bold=True, leading=20)
    body = _latin("CashBody", 8, leading=12)
    bold = _latin("CashHead", 8, bold=True, leading=11)
    rows = [_head([N_("Code"), N_("Name"), N_("Net pay"), N_("US$ notes"), N_("Riel"),
                   N_("Riel notes"), N_("Signature")], bold, bilingual=True)]
    for r, b in cash.rows:
        rows.append([r.code, shaped_paragraph(f"{r.name_latin}  {r.name_khmer}".strip(), body), usd(r.net_cents),
                     _notes(b["usd"], "$"), f"{b['riel_total']:,}", Paragraph(_notes(b["riel"], ""), body), ""])
    t = cash.total
    rows.append(["", shaped_paragraph(ngettext("Total ({n} worker)", "Total ({n} workers)", len(cash.rows)).format(
        n=len(cash.rows)), bold), usd(sum(r.net_cents for r, _b in cash.rows)),
                 Paragraph(_notes(t["usd"], "$"), body), f"{t['riel_total']:,}",
                 Paragraph(_notes(t["riel"], ""), body), ""])
    story = [shaped_paragraph(both(N_("Cash list {month} — notes to prepare")).format(month=view.label), title),
             shaped_paragraph(view.org_name + ". " + _(
                 "Whole dollars in US$ notes; the cents in riel at KHR {rate:,} per US$, rounded to 100 "
                 "riel. Total US$ {usd} + KHR {riel:,}.").format(
                 rate=view.khr_per_usd, usd=usd(t["usd_cents"]), riel=t["riel_total"]), body),
             Spacer(1, 4 * mm),
             _table(rows, [14 * mm, 60 * mm, 22 * mm, 60 * mm, 18 * mm, 60 * mm, 35 * mm])]
    if cash.bank_rows:
        story += [Spacer(1, 5 * mm), shaped_paragraph(
            _("Paid by bank: ") + ", ".join(f"{r.code} {usd(r.net_cents)}" for r in cash.bank_rows), body)]
    SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
                      topMargin=12 * mm, bottomMargin=10 * mm, title=_("Cash list {month}").format(month=view.label)).build(story)


def render_nssf_list(view, rows, totals, out) -> None:
    register_fonts()
    title = _latin("NssfTitle", 14, bold=True, leading=20)
    body = _latin("NssfBody", 8, leading=12)
    bold = _latin("NssfHead", 8, bold=True, leading=11)
    head = [N_("Code"), N_("Name"), N_("NSSF number"), N_("Gross KHR"), N_("Base KHR"), N_("Pension 2% emp."),
            N_("Pension 2% empl."), N_("Health 2.6%"), N_("Risk 0.8%"), N_("Total KHR")]
    data = [_head(head, bold)]
    for r in rows:
        total = r.nssf_employee_khr + r.er_pension_khr + r.er_health_khr + r.er_risk_khr
        data.append([r.code, shaped_paragraph(f"{r.name_latin}  {r.name_khmer}".strip(), body), r.nssf_number,
                     f"{r.gross_khr:,}", f"{r.nssf_base_khr:,}", f"{r.nssf_employee_khr:,}", f"{r.er_pension_khr:,}",
                     f"{r.er_health_khr:,}", f"{r.er_risk_khr:,}", f"{total:,}"])
    t = totals
    grand = t["nssf_employee_khr"] + t["er_pension_khr"] + t["er_health_khr"] + t["er_risk_khr"]
    data.append(["", shaped_paragraph(ngettext("Total ({n} member)", "Total ({n} members)", len(rows)).format(
        n=len(rows)), bold), "", f"{t['gross_khr']:,}", f"{t['nssf_base_khr']:,}",
                 f"{t['nssf_employee_khr']:,}", f"{t['er_pension_khr']:,}", f"{t['er_health_khr']:,}",
                 f"{t['er_risk_khr']:,}", f"{grand:,}"])
    story = [shaped_paragraph(_("NSSF contributions {month}").format(month=view.label), title),
             shaped_paragraph(view.org_name + ". " + _(
                 "Contribution base: gross in riel at KHR {rate:,} per US$, rounded to 100 riel, between "
                 "the floor and the ceiling of the rates.").format(rate=view.khr_per_usd), body),
             Spacer(1, 4 * mm),
             _table(data, [14 * mm, 60 * mm, 28 * mm] + [24 * mm] * 7, right_from=3)]
    SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
                      topMargin=12 * mm, bottomMargin=10 * mm, title=_("NSSF {month}").format(month=view.label)).build(story)
