"""Payslips (one page per worker, English and Khmer labels, shaped names) and the register.

Draws the plain data of :func:`pse_desktop.services.payroll.docs.payslip_documents` and
:func:`register`; no queries.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import register_fonts, shaped_paragraph
from ..common.labels import both, both_label
from ...i18n import N_, _

PAY_METHODS = (N_("cash"), N_("bank"))  # stored in English; shown in the reader's language

GRID = colors.HexColor("#b0b7c3")
HEAD = colors.HexColor("#e8edf3")


def usd(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}${cents // 100:,}.{cents % 100:02d}"


def _latin(name, size, bold=False, **kw):
    kw.setdefault("leading", round(size * 1.45, 1))
    return ParagraphStyle(name, fontName="Helvetica-Bold" if bold else "Helvetica", fontSize=size, **kw)


def _styles():
    """Latin text in Helvetica; anything that may hold Khmer goes through shaped_paragraph."""
    register_fonts()
    return {
        "title": _latin("PayTitle", 14, bold=True, leading=22),
        "body": _latin("PayBody", 9, leading=14),
        "small": _latin("PaySmall", 7.2, leading=9, textColor=colors.HexColor("#555555")),
        "bold": _latin("PayBold", 9.5, bold=True, leading=15),
        "name": _latin("PayName", 12, bold=True, leading=19),
        "right": _latin("PayRight", 9, alignment=2),
        "rbold": _latin("PayRightBold", 10, bold=True, alignment=2),
    }


def plain(value: str) -> str:
    """A text in the reader's language for ``shaped_paragraph`` (which escapes it): U+2212
    (minus) is not in the Latin font's encoding."""
    return str(value).replace("\u2212", "-")


def text(value: str) -> str:
    """Escape for a Helvetica paragraph; U+2212 (minus) is not in its encoding."""
    return escape(str(value)).replace("\u2212", "-")


def _label(message: str, st, **values) -> Paragraph:
    """A label in the reader's language with its Khmer beside it."""
    return shaped_paragraph(both(message).format(**values), st)


def payslip_flowables(view, doc, st) -> list:
    """One worker's page."""
    r = doc.row
    head = Table([
        [Paragraph(text(view.org_name), st["bold"]), _label(N_("Payslip {month}"), st["title"], month=view.label)],
    ], colWidths=[80 * mm, 100 * mm])
    ident = Table([
        [_label(N_("Name"), st["body"]), shaped_paragraph(f"{r.name_khmer}  {r.name_latin}".strip(), st["name"])],
        [_label(N_("Code"), st["body"]), shaped_paragraph(f"{r.code}  ·  {_(r.job)}  ·  {_(r.basis)}", st["body"])],
        [_label(N_("Days worked"), st["body"]),
         Paragraph(r.days_worked + (f"  ({r.hours_worked} h)" if r.hours_worked not in ("0", "") else ""),
                   st["body"])],
        [_label(N_("Exchange rate"), st["body"]), shaped_paragraph(_("KHR {rate:,} per US$").format(rate=view.khr_per_usd), st["body"])],
    ], colWidths=[50 * mm, 130 * mm])
    ident.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    rows = [[_label(N_("Earnings"), st["bold"]), Paragraph("<b>US$</b>", st["right"]),
             Paragraph("<b>KHR</b>", st["right"])]]
    style = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD),
             ("VALIGN", (0, 0), (-1, -1), "TOP")]
    sections = (("earning", None), ("deduction", N_("Deductions")),
                ("employer", N_("Paid by PSE on top (employer NSSF)")))
    for kind, title in sections:
        lines = [l for l in doc.lines if l.kind == kind]
        if not lines:
            continue
        if title:
            rows.append([_label(title, st["bold"]), "", ""])
            style.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEAD))
        for l in lines:
            sign = "-" if kind == "deduction" and l.amount_cents else ""
            rows.append([[shaped_paragraph(both_label(l.label), st["body"]), shaped_paragraph(plain(l.explanation), st["small"])],
                         Paragraph(sign + usd(l.amount_cents), st["right"]),
                         Paragraph(f"{l.amount_khr:,}" if l.amount_khr is not None else "", st["right"])])
        if kind == "earning":
            rows.append([_label(N_("Gross pay"), st["bold"]), Paragraph(usd(r.gross_cents), st["rbold"]),
                         Paragraph(f"{r.gross_khr:,}", st["right"])])
            style.append(("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 1, colors.black))
        if kind == "deduction":
            rows.append([_label(N_("Net pay"), st["name"]), Paragraph(usd(r.net_cents), st["rbold"]),
                         Paragraph(f"{(r.net_cents * view.khr_per_usd + 50) // 100:,}", st["right"])])
            style += [("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 1.2, colors.black),
                      ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), colors.HexColor("#dff3e4"))]
    table = Table(rows, colWidths=[130 * mm, 25 * mm, 25 * mm], repeatRows=1)
    table.setStyle(TableStyle(style))
    sign = Table([[_label(N_("Signature of the worker"), st["body"]),
                   _label(N_("For PSE"), st["body"])]], colWidths=[90 * mm, 90 * mm], rowHeights=[22 * mm])
    sign.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.4, GRID)]))
    note = shaped_paragraph((_("NSSF base KHR {base:,}; taxable salary KHR {taxable:,}; tax on salary KHR "
                                   "{tax:,}. Paid by {method}.").format(
        base=r.nssf_base_khr, taxable=r.taxable_khr, tax=r.tax_khr, method=_(r.pay_method))
        + ("" if view.status == "final" else " " + _("DRAFT — not final."))), st["small"])
    return [head, Spacer(1, 4 * mm), ident, Spacer(1, 4 * mm), table, Spacer(1, 3 * mm), note,
            Spacer(1, 6 * mm), sign]


def render_payslips(view, docs, out, progress=None) -> None:
    """Write one A4 page per payslip to ``out``."""
    st = _styles()
    story = []
    for index, doc in enumerate(docs):
        if index:
            story.append(PageBreak())
        story += payslip_flowables(view, doc, st)
        if progress and index % 10 == 0:
            progress(_("Payslip {n} of {total}").format(n=index + 1, total=len(docs)),
                     index / max(1, len(docs)))
    pdf = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm,
                            bottomMargin=12 * mm, title=_("Payslips {month}").format(month=view.label), author=view.org_name)
    pdf.build(story)


def render_register(view, out) -> None:
    """The payroll register: one row per payslip; totals are the sums of the rows."""
    st = _styles()
    small = _latin("RegSmall", 7.5, leading=12)
    head = [N_("Code"), N_("Name"), N_("Days"), N_("Gross"), N_("NSSF emp."), N_("Tax KHR"),
            N_("Advance"), N_("Other ded."), N_("Net"), N_("NSSF employer"), N_("Employer cost")]
    bold = _latin("RegSmallBold", 7.5, bold=True, leading=12)
    rows = [[shaped_paragraph(both(h), bold) for h in head]]
    for r in view.rows:
        er = r.er_pension_cents + r.er_health_cents + r.er_risk_cents
        rows.append([r.code, shaped_paragraph(f"{r.name_latin}  {r.name_khmer}".strip(), small), r.days_worked,
                     usd(r.gross_cents), usd(r.nssf_employee_cents), f"{r.tax_khr:,}", usd(r.advance_cents),
                     usd(r.other_deductions_cents), usd(r.net_cents), usd(er), usd(r.employer_cost_cents)])
    t = view.totals
    rows.append(["", shaped_paragraph(both(N_("Total ({n})")).format(n=len(view.rows)), bold), "", usd(t["gross_cents"]),
                 usd(t["nssf_employee_cents"]), f"{t['tax_khr']:,}", usd(t["advance_cents"]),
                 usd(t["other_deductions_cents"]), usd(t["net_cents"]),
                 usd(t["er_pension_cents"] + t["er_health_cents"] + t["er_risk_cents"]),
                 usd(t["employer_cost_cents"])])
    table = Table(rows, colWidths=[14 * mm, 62 * mm, 12 * mm] + [23 * mm] * 8, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD),
                               ("FONTSIZE", (0, 0), (-1, -1), 7.5), ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
                               ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold")]))
    status = _("FINAL") if view.status == "final" else _("DRAFT")
    story = [_label(N_("Payroll register {month} ({status})"), st["title"], month=view.label, status=status),
             shaped_paragraph(plain(_("{org} · KHR {rate:,} per US$ · rates from {since}").format(
                 org=view.org_name, rate=view.khr_per_usd, since=view.rates_from)),
                       st["body"]), Spacer(1, 4 * mm), table]
    SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
                      topMargin=12 * mm, bottomMargin=10 * mm, title=_("Payroll register {month}").format(month=view.label)).build(story)
