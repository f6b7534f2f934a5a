"""Vocational training papers: the certificate of a trainee who completed a course, in Khmer and
English, listing the skills acquired; and the receipt of start-up support for a business (the
reader's language with the Khmer beside it). They
draw plain data built by the services."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import paragraph_style, shaped_paragraph
from ..common.labels import both
from ...i18n import N_, _
from ...formats import format_date

GRID = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]


def _styles():
    return {"org": paragraph_style("TOrg", 12, bold=True, alignment=1),
            "title": paragraph_style("TTitle", 22, bold=True, leading=32, alignment=1),
            "name": paragraph_style("TName", 18, bold=True, leading=28, alignment=1),
            "body": paragraph_style("TBody", 11, leading=18, alignment=1),
            "cell": paragraph_style("TCell", 9.5, leading=15)}


def render_certificates(certificates, out: str | Path) -> Path:
    """One landscape A4 page per certificate; each has org, certificate_no, name, name_km,
    trade, trade_km, start_on, end_on, completed_on, skills [(English, Khmer)], trainer."""
    from reportlab.platypus import PageBreak

    out = Path(out)
    s = _styles()
    story = []
    for n, c in enumerate(certificates):
        if n:
            story.append(PageBreak())
        skills = Table([[shaped_paragraph(km or "", s["cell"]), shaped_paragraph(en, s["cell"])]
                        for en, km in c.skills] or [["", ""]], colWidths=[95 * mm, 95 * mm])
        skills.setStyle(TableStyle(GRID))
        story += [
            shaped_paragraph(c.org, s["org"]), Spacer(1, 4 * mm),
            shaped_paragraph("វិញ្ញាបនបត្រ", s["title"]),
            shaped_paragraph("Certificate of vocational training", s["title"]),
            Spacer(1, 3 * mm),
            shaped_paragraph("បានប្រគល់ជូន / Awarded to", s["body"]),
            shaped_paragraph(f"{c.name_km}  {c.name}".strip(), s["name"]),
            shaped_paragraph(f"ដែលបានបញ្ចប់វគ្គបណ្តុះបណ្តាល {c.trade_km} / who completed the "
                             f"course in {c.trade}", s["body"]),
            shaped_paragraph(f"{format_date(c.start_on, 'long')} - "
                             f"{format_date(c.end_on, 'long')}", s["body"]),
            Spacer(1, 3 * mm),
            shaped_paragraph("ជំនាញដែលទទួលបាន / Skills acquired", s["body"]),
            skills, Spacer(1, 5 * mm),
            shaped_paragraph(f"លេខ / No. {c.certificate_no}    កាលបរិច្ឆេទ / Date "
                             f"{format_date(c.completed_on, 'long')}    "
                             f"គ្រូបង្គោល / Trainer: {c.trainer}",
                             s["body"]),
            Spacer(1, 12 * mm),
            shaped_paragraph("ហត្ថលេខា / Signature ______________________", s["body"]),
        ]
    SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                      topMargin=12 * mm, bottomMargin=10 * mm,
                      title="Certificates").build(story)
    return out


def render_support_receipt(r, out: str | Path) -> Path:
    """A5 receipt of start-up support: org, receipt_no, given_on, name, business, support,
    amount_text, what, given_by."""
    out = Path(out)
    s = _styles()
    rows = [[N_("Receipt no."), r.receipt_no],
            [N_("Date"), format_date(r.given_on, "long")],
            [N_("Received by"), r.name],
            [N_("Business"), r.business],
            [N_("Support"), r.support],
            [N_("Value"), r.amount_text],
            [N_("What was given"), r.what],
            [N_("Handed over by"), r.given_by]]
    table = Table([[shaped_paragraph(both(a), s["cell"]), shaped_paragraph(str(b), s["cell"])]
                   for a, b in rows], colWidths=[50 * mm, 73 * mm])
    table.setStyle(TableStyle(GRID))
    sign = Table([[shaped_paragraph(both(N_("Signature or thumbprint")), s["cell"]),
                   shaped_paragraph(both(N_("Staff signature")), s["cell"])], ["", ""]],
                 colWidths=[62 * mm, 61 * mm], rowHeights=[None, 25 * mm])
    sign.setStyle(TableStyle(GRID))
    story = [shaped_paragraph(r.org, s["org"]),
             shaped_paragraph(both(N_("Start-up support receipt")), s["cell"]),
             Spacer(1, 3 * mm), table, Spacer(1, 5 * mm), sign]
    SimpleDocTemplate(str(out), pagesize=A5, leftMargin=12 * mm, rightMargin=12 * mm,
                      topMargin=12 * mm, bottomMargin=12 * mm, title=_("Receipt")).build(story)
    return out
