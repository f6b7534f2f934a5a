"""Meetings over a period: participation per family (never-came first) and the themes covered
per centre per quarter, with a bar chart."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import paragraph_style, shape_cells, shaped_paragraph
from ..common.labels import cells
from ...formats import format_date
from ...i18n import N_, _

PALETTE = [colors.HexColor(c) for c in ("#2b6cb0", "#dd6b20", "#38a169", "#d53f8c", "#805ad5",
                                        "#d69e2e", "#319795", "#718096")]
GRID = [("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8), ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]


def render_participation(report, out: str | Path) -> Path:
    """One row per family: meetings invited to, attended, rate, last time someone came."""
    out = Path(out)
    title, body = paragraph_style("Title", 13, bold=True), paragraph_style("Body", 8.5, leading=12)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=_("Meeting participation"))
    story = [shaped_paragraph(f"{report.org} - " + _("Parent meetings: participation per family"), title),
             shaped_paragraph(_("{centre}, {first} to {last}. {n} families invited; {never} never came "
                                "(listed first).").format(
                 centre=report.centre, first=format_date(report.first), last=format_date(report.last),
                 n=len(report.rows), never=report.never_came), body), Spacer(1, 3 * mm)]
    rows = [cells([N_("Family"), N_("Guardians"), N_("Contact"), N_("Invited"), N_("Came"), N_("Rate"),
                   N_("Last came")], paragraph_style("Head", 8, bold=True, leading=10))]
    never = []
    for n, r in enumerate(report.rows, start=1):
        if r.invited and not r.attended:
            never.append(n)
        rows.append([r.family_code, shaped_paragraph(r.guardians, body), r.contact, str(r.invited),
                     str(r.attended), "-" if r.rate is None else f"{r.rate:.0f}%",
                     format_date(r.last_came) if r.last_came else shaped_paragraph(_("never"), body)])
    if not report.rows:
        rows.append(["", shaped_paragraph(_("No meeting was held in this period."), body), "", "", "", "",
                     ""])
    table = Table(shape_cells(rows), colWidths=[20 * mm, 62 * mm, 28 * mm, 15 * mm, 15 * mm, 15 * mm, 25 * mm],
                  repeatRows=1)
    style = list(GRID) + [("ALIGN", (3, 0), (5, -1), "RIGHT")]
    style += [("BACKGROUND", (0, n), (-1, n), colors.HexColor("#fde2e2")) for n in never]
    table.setStyle(TableStyle(style))
    story.append(table)
    doc.build(story)
    return out


def themes_chart(report, width: float = 250 * mm, height: float = 75 * mm) -> Drawing:
    """A bar chart: meetings held per quarter (all centres), one bar per theme."""
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 15 * mm, 12 * mm
    chart.width, chart.height = width - 70 * mm, height - 20 * mm
    themes = report.themes or ["(none)"]
    chart.data = [[sum(report.counts.get((c, q), {}).get(t, 0) for c in report.centres)
                   for q in report.quarters] for t in themes]
    chart.categoryAxis.categoryNames = report.quarters
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max([max(series) for series in chart.data if series] + [1])
    chart.valueAxis.valueMax = top + 1
    chart.valueAxis.valueStep = max(1, (top + 1) // 5)
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 7
    for i in range(len(themes)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 50 * mm, height - 10 * mm
    legend.fontName, legend.fontSize = "Helvetica", 7
    legend.alignment = "right"
    legend.columnMaximum = max(1, len(themes))
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], t) for i, t in enumerate(themes)]
    drawing.add(legend)
    return drawing


def render_themes(report, out: str | Path) -> Path:
    """The chart, then a table: one row per centre and quarter, one column per theme."""
    out = Path(out)
    title, body = paragraph_style("Title", 13, bold=True), paragraph_style("Body", 8.5, leading=12)
    doc = SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=_("Meeting themes"))
    story = [shaped_paragraph(f"{report.org} - " + _("Parent meetings: themes covered per centre and quarter"),
                              title),
             shaped_paragraph(_("{first} to {last}; meetings held.").format(
                 first=format_date(report.first), last=format_date(report.last)), body),
             Spacer(1, 2 * mm),
             # The chart's title above it, shaped (a drawing's strings cannot shape Khmer).
             shaped_paragraph(_("Meetings held per quarter and theme, all centres"),
                              paragraph_style("ChartTitle", 8, bold=True)),
             themes_chart(report), Spacer(1, 4 * mm)]
    head = paragraph_style("Head", 8, bold=True, leading=10)
    rows = [cells([N_("Centre"), N_("Quarter")], head) + [shaped_paragraph(_(t), head) for t in report.themes]
            + cells([N_("Total")], head)]
    for c in report.centres:
        for q in report.quarters:
            counts = report.counts.get((c, q), {})
            rows.append([c, q] + [str(counts.get(t, "")) for t in report.themes]
                        + [str(report.total(c, q))])
    if len(rows) == 1:
        rows.append(["", shaped_paragraph(_("No meeting was held in this period."), body)]
                    + [""] * (len(report.themes) + 1))
    table = Table(shape_cells(rows), repeatRows=1)
    table.setStyle(TableStyle(list(GRID) + [("ALIGN", (2, 0), (-1, -1), "CENTER")]))
    story.append(table)
    doc.build(story)
    return out
