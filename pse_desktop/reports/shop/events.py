"""The reconciliation report of a sales event in France. Draws plain data only."""

from __future__ import annotations

from xml.sax.saxutils import escape as esc

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import shaped_paragraph
from ..common.labels import cells
from ...formats import format_eur, format_usd
from ...i18n import N_, _, ngettext
from .styles import latin_style


def _eur(cents: int) -> str:
    """Euros the French way ("49,06 €"): the event is in France."""
    return format_eur(cents)


def render_event_report(report, out) -> None:
    """``report`` is a services.shop_events.EventReport."""
    e = report.event
    body = latin_style("eb", 8.5, leading=11)
    story = [shaped_paragraph(report.org_name, latin_style("et", 14, bold=True)),
             shaped_paragraph(_("Event: {name} - {place} - {start:%d/%m/%Y} to {end:%d/%m/%Y} - box "
                                "{box} from {home} - {state}").format(
                 name=e.name, place=e.place, start=e.start, end=e.end, box=e.box_code,
                 home=e.home_code, state=_(e.state)), latin_style("es", 10, bold=True)),
             Spacer(1, 4 * mm)]
    rows = [cells([N_("Code"), N_("Product"), N_("Sent"), N_("Sold"), N_("Returned"), N_("Lost"),
                   N_("In box"), N_("Sales")], latin_style("eh", 8.5, bold=True))]
    tot = [0, 0, 0, 0, 0, 0]
    for ln in report.lines:
        vals = [ln.sent, ln.sold, ln.returned, ln.lost, ln.left, ln.sales_eur]
        tot = [a + b for a, b in zip(tot, vals)]
        rows.append([ln.code, shaped_paragraph(ln.name, body)] + [str(v) for v in vals[:5]]
                    + [_eur(ln.sales_eur)])
    rows.append(["", shaped_paragraph(_("Total"), body)] + [str(v) for v in tot[:5]] + [_eur(tot[5])])
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
    story.append(shaped_paragraph(
        ngettext("{n} sale. Cash taken: {cash}", "{n} sales. Cash taken: {cash}",
                 report.sales_count).format(n=report.sales_count, cash=_eur(report.cash["EUR"]))
        + (" " + _("and {usd}").format(usd=format_usd(report.cash["USD"])) if report.cash["USD"]
           else ""), latin_style("ec", 10)))
    SimpleDocTemplate(str(out), pagesize=A4, title=_("Event report"), leftMargin=15 * mm,
                      rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm).build(story)
