"""Production PDFs: work order, delivery note, uniform hand-out list, monthly output with charts.

Each function draws the plain data a service built (``services.production_docs`` and
``production_uniforms.handout``); nothing here queries the database.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import paragraph_style, shape_cells, shaped_paragraph
from ..common.labels import both
from ...formats import format_date, format_month
from ...i18n import N_, _, ngettext

HEAD_BG = colors.HexColor("#eeeeee")


def _styles():
    return (paragraph_style("Title", 15, bold=True), paragraph_style("Body", 9),
            paragraph_style("Cell", 8.5, leading=11), paragraph_style("Name", 10, leading=16))


def _head(labels, bilingual: bool = False) -> list:
    """Heading cells, shaped (a translation may be Khmer); Khmer beside them if ``bilingual``."""
    style = paragraph_style("Head", 8.5, bold=True, leading=10.5)
    return [shaped_paragraph(both(lab) if bilingual else _(lab), style) if lab not in ("", "#")
            else lab for lab in labels]


def _table(rows, widths, numeric_from: int | None = None, bold_last: bool = False) -> Table:
    t = Table(shape_cells(rows), colWidths=widths, repeatRows=1)
    style = [("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
             ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
             ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
             ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if numeric_from is not None:
        style.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    if bold_last:
        style.append(("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8.5))
    t.setStyle(TableStyle(style))
    return t


def _doc(out, title: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(str(out), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                             topMargin=15 * mm, bottomMargin=15 * mm, title=title)


def _signatures(labels, bilingual: bool = False) -> Table:
    style = paragraph_style("Sign", 9)
    text = both if bilingual else _
    t = Table([[shaped_paragraph(text(lab) + ":", style) for lab in labels], ["" for _lab in labels],
               [shaped_paragraph(text(N_("Name and date")) + ":", style) for _lab in labels]],
              colWidths=[90 * mm] * len(labels), rowHeights=[6 * mm, 18 * mm, 6 * mm])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 9),
                           ("LINEBELOW", (0, 1), (-1, 1), 0.5, colors.black)]))
    return t


def render_work_order(doc, out) -> Path:
    title, body, cell, _name = _styles()
    story = [shaped_paragraph(f"{doc.org} - " + _("Work order {no}").format(no=doc.no), title),
             Spacer(1, 2 * mm),
             shaped_paragraph(_("Customer: {name}").format(name=doc.customer), body),
             shaped_paragraph(_("Due: {day} - priority: {priority} - state: {state} - printed {printed}").format(
                 day=format_date(doc.due, "long"), priority=_(doc.priority), state=_(doc.state),
                 printed=format_date(doc.printed)), body)]
    if doc.notes:
        story.append(shaped_paragraph(_("Notes: {notes}").format(notes=doc.notes), body))
    story.append(Spacer(1, 4 * mm))
    rows = [_head([N_("Code"), N_("Item"), N_("Ordered"), N_("Made"), N_("To sew")])]
    rows += [[c, shaped_paragraph(label, cell), str(q), str(m), str(r)]
             for c, label, q, m, r in doc.lines]
    rows.append(["", _("Total"), str(sum(x[2] for x in doc.lines)), str(sum(x[3] for x in doc.lines)),
                 str(sum(x[4] for x in doc.lines))])
    story.append(_table(rows, [30 * mm, 85 * mm, 20 * mm, 20 * mm, 25 * mm], 2, bold_last=True))
    story += [Spacer(1, 5 * mm), shaped_paragraph(_("Materials for the pieces still to sew"), body)]
    if doc.materials:
        mrows = [_head([N_("Code"), N_("Material"), N_("Needed"), N_("In stock"), N_("Short")])]
        mrows += [[c, shaped_paragraph(label, cell), need, have, short]
                  for c, label, need, have, short in doc.materials]
        t = _table(mrows, [30 * mm, 70 * mm, 27 * mm, 27 * mm, 26 * mm], 2)
        for i, m in enumerate(doc.materials, start=1):
            if m[4]:
                t.setStyle(TableStyle([("TEXTCOLOR", (4, i), (4, i), colors.red)]))
        story.append(t)
    else:
        story.append(shaped_paragraph(_("No bill of materials for these items."), body))
    if doc.without_bom:
        story.append(shaped_paragraph(_("No bill of materials: {items}").format(items=", ".join(doc.without_bom)), body))
    story += [Spacer(1, 10 * mm), _signatures([N_("Issued by"), N_("Received by (cutting room)")])]
    _doc(out, _("Work order {no}").format(no=doc.no)).build(story)
    return Path(out)


def render_delivery_note(doc, out) -> Path:
    title, body, cell, _name = _styles()
    story = [shaped_paragraph(f"{doc.org} - " + _("Delivery note {no}").format(no=doc.no), title), Spacer(1, 2 * mm),
             shaped_paragraph(_("Order {no} - date {day}").format(no=doc.order_no,
                                                                   day=format_date(doc.day, "long")), body),
             shaped_paragraph(_("Customer: {name}").format(name=doc.customer), body)]
    if doc.destination != doc.customer:
        story.append(shaped_paragraph(_("Delivered to: {place}").format(place=doc.destination), body))
    if doc.note:
        story.append(shaped_paragraph(_("Note: {note}").format(note=doc.note), body))
    story.append(Spacer(1, 4 * mm))
    rows = [_head([N_("Code"), N_("Item"), N_("Ordered"), N_("This delivery"),
                   N_("Delivered to date"), N_("Still to come")])]
    rows += [[c, shaped_paragraph(label, cell), str(q), str(now), str(td), str(left)]
             for c, label, q, now, td, left in doc.lines]
    rows.append(["", _("Total"), str(sum(x[2] for x in doc.lines)), str(doc.pieces),
                 str(sum(x[4] for x in doc.lines)), str(sum(x[5] for x in doc.lines))])
    story.append(_table(rows, [26 * mm, 58 * mm, 17 * mm, 24 * mm, 30 * mm, 25 * mm], 2,
                        bold_last=True))
    if doc.short_reason:
        story += [Spacer(1, 3 * mm),
                  shaped_paragraph(_("Order closed short: {reason}").format(reason=doc.short_reason), body)]
    story += [Spacer(1, 12 * mm), _signatures([N_("Delivered by (workshop)"), N_("Received by")])]
    _doc(out, _("Delivery note {no}").format(no=doc.no)).build(story)
    return Path(out)


def render_handout(doc, out) -> Path:
    """One section per centre: a row per child, Khmer and Latin names, items, signature."""
    title, body, cell, name = _styles()
    story = []
    for i, centre in enumerate(doc.centres):
        if i:
            story.append(PageBreak())
        story += [shaped_paragraph(f"{doc.org} - " + both(N_("Uniform hand-out list")), title),
                  shaped_paragraph(_("Centre {code} {name} - {delivery} of order {order} - {day}").format(
                      code=centre.centre_code, name=centre.centre_name, delivery=doc.delivery_no,
                      order=doc.order_no, day=format_date(doc.day, "long")), body),
                  Spacer(1, 4 * mm)]
        rows = [_head(["#", N_("Code"), N_("Name (Khmer)"), N_("Name"), N_("Items"), N_("Signature")],
                      bilingual=True)]
        for n, r in enumerate(centre.rows, start=1):
            rows.append([str(n), r.child_code, shaped_paragraph(r.name_km, name),
                         shaped_paragraph(r.name_latin, cell), shaped_paragraph(r.items, cell), ""])
        t = _table(rows, [8 * mm, 22 * mm, 36 * mm, 40 * mm, 44 * mm, 30 * mm])
        t.setStyle(TableStyle([("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f6f6")]),
                               ("TOPPADDING", (0, 1), (-1, -1), 4), ("BOTTOMPADDING", (0, 1), (-1, -1), 4)]))
        story += [t, Spacer(1, 4 * mm),
                  shaped_paragraph(ngettext("{n} child.", "{n} children.", len(centre.rows)).format(
                      n=len(centre.rows)) + " " + both(N_("Handed out by")) + ": ______________  "
                      + both(N_("Date")) + ": ____________", body)]
    if not doc.centres:
        story.append(shaped_paragraph(_("{no}: no child recorded on this delivery.").format(no=doc.delivery_no), body))
    _doc(out, _("Hand-out list {no}").format(no=doc.delivery_no)).build(story)
    return Path(out)


def _bar_chart(items, width=180 * mm, max_bars=25) -> Drawing:
    items = list(items)[:max_bars]
    bar_h = 5.5 * mm
    height = max(30 * mm, bar_h * len(items) + 12 * mm)
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 45 * mm, 6 * mm
    chart.width, chart.height = width - 55 * mm, height - 12 * mm
    chart.data = [[n for _, n in reversed(items)] or [0]]
    chart.categoryAxis.categoryNames = [label[:28] for label, _ in reversed(items)] or [""]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#2780e3")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontSize = 6
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    d.add(chart)
    return d


def render_monthly_output(doc, out) -> Path:
    title, body, cell, _name = _styles()
    story = [shaped_paragraph(f"{doc.org} - " + _("Workshop output {month}").format(
                 month=format_month(doc.first)), title),
             shaped_paragraph(_("{n} pieces sewn from {first} to {last} (net of corrections)").format(
                 n=doc.total, first=format_date(doc.first), last=format_date(doc.last)), body),
             Spacer(1, 4 * mm),
             shaped_paragraph(_("Per worker"), body),
             _bar_chart([(f"{c} {n}", q) for c, n, q in doc.by_worker])]
    rows = [_head([N_("Worker"), N_("Name"), N_("Pieces")])] + [[c, n, str(q)] for c, n, q in doc.by_worker]
    rows.append(["", _("Total"), str(doc.total)])
    story += [_table(rows, [30 * mm, 110 * mm, 30 * mm], 2, bold_last=True), PageBreak(),
              shaped_paragraph(_("Per product"), body),
              _bar_chart([(f"{n}", q) for c, n, q in doc.by_product])]
    rows = [_head([N_("Product"), N_("Name"), N_("Pieces")])] + [[c, n, str(q)] for c, n, q in doc.by_product]
    rows.append(["", _("Total"), str(doc.total)])
    story.append(_table(rows, [30 * mm, 110 * mm, 30 * mm], 2, bold_last=True))
    _doc(out, _("Workshop output {month}").format(month=f"{doc.first:%Y-%m}")).build(story)
    return Path(out)
