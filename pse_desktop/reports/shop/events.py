"""The reconciliation report of a sales event in France. Draws plain data only."""

from __future__ import annotations

from xml.sax.saxutils import escape as esc

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import shaped_paragraph
from .styles import latin_style


def _eur(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}EUR {cents // 100:,}.{cents % 100:02d}"


def render_event_report(report, out) -> None:
    """``report`` is a services.shop_events.EventReport."""
    e = report.event
    body = latin_style("eb", 8.5, leading=11)
    story = [shaped_paragraph(report.org_name, latin_style("et", 14, bold=True)),
             Paragraph(f"<b>Event: {esc(e.name)}</b> - {esc(e.place)} - {e.start:%d/%m/%Y} to "
                       f"{e.end:%d/%m/%Y} - box {e.box_code} from {e.home_code} - {e.state}",
                       latin_style("es", 10)),
             Spacer(1, 4 * mm)]
    rows = [["Code", "Product", "Sent", "Sold", "Returned", "Lost", "In box", "Sales"]]
    tot = [0, 0, 0, 0, 0, 0]
    for ln in report.lines:
        vals = [ln.sent, ln.sold, ln.returned, ln.lost, ln.left, ln.sales_eur]
        tot = [a + b for a, b in zip(tot, vals)]
        rows.append([ln.code, shaped_paragraph(ln.name, body)] + [str(v) for v in vals[:5]]
                    + [_eur(ln.sales_eur)])
    rows.append(["", "Total"] + [str(v) for v in tot[:5]] + [_eur(tot[5])])
    table = Table(rows, colWidths=[25 * mm, 60 * mm, 14 * mm, 14 * mm, 18 * mm, 14 * mm,
                                   15 * mm, 24 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 8.5), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(table)
    story.append(Spacer(1, 5 * mm))
    story.append(Paragraph(f"{report.sales_count} sales. Cash taken: {_eur(report.cash['EUR'])}"
                           + (f" and {_eur(report.cash['USD']).replace('EUR ', '$')}" if report.cash["USD"]
                              else ""),
                           latin_style("ec", 10)))
    SimpleDocTemplate(str(out), pagesize=A4, title="Event report", leftMargin=15 * mm,
                      rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm).build(story)
