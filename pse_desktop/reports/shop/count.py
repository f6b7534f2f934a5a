"""Stock count sheet (to fill in by hand) and variance report, A4. Draws plain data only."""

from __future__ import annotations

from xml.sax.saxutils import escape as esc

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import shaped_paragraph
from ..common.labels import cells
from ...i18n import N_, _
from .styles import latin_style
from ...formats import format_money


def render_count_sheet(sheet, out, variance: bool = False) -> None:
    """``sheet`` is a services.shop_count.CountSheet."""
    title = _("Stock count - variance") if variance else _("Stock count sheet")
    body = latin_style("cb", 8.5, leading=11)
    story = [shaped_paragraph(sheet.org_name, latin_style("ct", 14, bold=True)),
             shaped_paragraph(f"{title}: {sheet.location_name} ({sheet.location_code}) - " + _(
                 "count {id} started {when:%d/%m/%Y %H:%M} - {state}").format(
                 id=sheet.id, when=sheet.started_at, state=_(sheet.state)), latin_style("cs", 10, bold=True)),
             Spacer(1, 4 * mm)]
    if variance:
        rows = [cells([N_("Code"), N_("Product"), N_("Ledger"), N_("Counted"), N_("Variance"),
                       N_("Value")], latin_style("ch", 8.5, bold=True))]
        total = 0
        for ln in sheet.lines:
            if ln.counted is None:
                continue
            value = ln.variance * ln.cost_cents
            total += value
            rows.append([ln.code, shaped_paragraph(ln.name, body), str(ln.expected), str(ln.counted),
                         f"{ln.variance:+d}" if ln.variance else "0", format_money(value)])
        rows.append(["", shaped_paragraph(_("Total at cost"), body), "", "", "", format_money(total)])
        widths = [28 * mm, 70 * mm, 18 * mm, 18 * mm, 18 * mm, 24 * mm]
    else:
        rows = [cells([N_("Code"), N_("Product"), N_("Category"), N_("Ledger"), N_("Counted")],
                      latin_style("ch", 8.5, bold=True))]
        rows += [[ln.code, shaped_paragraph(ln.name, body), ln.category, str(ln.expected), ""]
                 for ln in sheet.lines]
        widths = [30 * mm, 75 * mm, 30 * mm, 18 * mm, 25 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
        ("ALIGN", (2 if variance else 3, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), 4 if not variance else 2),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 4 if not variance else 2),
    ]))
    story.append(table)
    story.append(Spacer(1, 10 * mm))
    story.append(shaped_paragraph(_("Counted by: ____________________   Date: ____________   "
                                    "Checked by: ____________________"), latin_style("cf", 9)))
    SimpleDocTemplate(str(out), pagesize=A4, title=title, leftMargin=15 * mm, rightMargin=15 * mm,
                      topMargin=15 * mm, bottomMargin=15 * mm).build(story)
