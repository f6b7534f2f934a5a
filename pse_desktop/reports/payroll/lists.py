"""Cash list (notes to prepare per worker, in USD and riel) and the NSSF contribution list."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import register_fonts, shaped_paragraph
from .payslips import GRID, HEAD, _latin, text, usd


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
    rows = [["Code", "Name", "Net pay", "US$ notes", "Riel", "Riel notes", "Signature"]]
    for r, b in cash.rows:
        rows.append([r.code, shaped_paragraph(f"{r.name_latin}  {r.name_khmer}".strip(), body), usd(r.net_cents),
                     _notes(b["usd"], "$"), f"{b['riel_total']:,}", Paragraph(_notes(b["riel"], ""), body), ""])
    t = cash.total
    rows.append(["", f"Total ({len(cash.rows)} workers)", usd(sum(r.net_cents for r, _ in cash.rows)),
                 Paragraph(_notes(t["usd"], "$"), body), f"{t['riel_total']:,}",
                 Paragraph(_notes(t["riel"], ""), body), ""])
    story = [Paragraph(f"Cash list {view.label} — notes to prepare", title),
             Paragraph(f"{text(view.org_name)}. Whole dollars in US$ notes; the cents in riel at KHR "
                       f"{view.khr_per_usd:,} per US$, rounded to 100 riel. Total US$ "
                       f"{usd(t['usd_cents'])} + KHR {t['riel_total']:,}.", body), Spacer(1, 4 * mm),
             _table(rows, [14 * mm, 60 * mm, 22 * mm, 60 * mm, 18 * mm, 60 * mm, 35 * mm])]
    if cash.bank_rows:
        story += [Spacer(1, 5 * mm), Paragraph(
            "Paid by bank: " + ", ".join(f"{r.code} {usd(r.net_cents)}" for r in cash.bank_rows), body)]
    SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
                      topMargin=12 * mm, bottomMargin=10 * mm, title=f"Cash list {view.label}").build(story)


def render_nssf_list(view, rows, totals, out) -> None:
    register_fonts()
    title = _latin("NssfTitle", 14, bold=True, leading=20)
    body = _latin("NssfBody", 8, leading=12)
    head = ["Code", "Name", "NSSF number", "Gross KHR", "Base KHR", "Pension 2% emp.", "Pension 2% empl.",
            "Health 2.6%", "Risk 0.8%", "Total KHR"]
    data = [head]
    for r in rows:
        total = r.nssf_employee_khr + r.er_pension_khr + r.er_health_khr + r.er_risk_khr
        data.append([r.code, shaped_paragraph(f"{r.name_latin}  {r.name_khmer}".strip(), body), r.nssf_number,
                     f"{r.gross_khr:,}", f"{r.nssf_base_khr:,}", f"{r.nssf_employee_khr:,}", f"{r.er_pension_khr:,}",
                     f"{r.er_health_khr:,}", f"{r.er_risk_khr:,}", f"{total:,}"])
    t = totals
    grand = t["nssf_employee_khr"] + t["er_pension_khr"] + t["er_health_khr"] + t["er_risk_khr"]
    data.append(["", f"Total ({len(rows)} members)", "", f"{t['gross_khr']:,}", f"{t['nssf_base_khr']:,}",
                 f"{t['nssf_employee_khr']:,}", f"{t['er_pension_khr']:,}", f"{t['er_health_khr']:,}",
                 f"{t['er_risk_khr']:,}", f"{grand:,}"])
    story = [Paragraph(f"NSSF contributions {view.label}", title),
             Paragraph(f"{text(view.org_name)}. Contribution base: gross in riel at KHR {view.khr_per_usd:,} per US$, "
                       "rounded to 100 riel, between the floor and the ceiling of the rates.", body),
             Spacer(1, 4 * mm),
             _table(data, [14 * mm, 60 * mm, 28 * mm] + [24 * mm] * 7, right_from=3)]
    SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
                      topMargin=12 * mm, bottomMargin=10 * mm, title=f"NSSF {view.label}").build(story)
