"""Monthly register of a group as PDF: a row per child, a column per day, closed days shaded,
totals and rates; or the same grid blank, to fill by hand during a power cut."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import paragraph_style, shaped_paragraph
from ..common.labels import both
from ...i18n import N_, _, ngettext
from ...formats import format_month, format_weekday

SHADE = colors.HexColor("#d9d9d9")
ABSENT = colors.HexColor("#f8d7da")
CELL = {"P": "P", "L": "L", "A": "A", "E": "E", "S": "S"}


def _pct(value) -> str:
    return "-" if value is None else f"{value:.0f}%"


def _short_weekday(day) -> str:
    """The weekday, short enough for a day column (Khmer words are kept whole)."""
    name = format_weekday(day).rstrip(".")
    return name if has_khmer_text(name) else name[:3]


def has_khmer_text(text: str) -> bool:
    return any("\u1780" <= ch <= "\u17ff" for ch in text)


def _story(reg, styles) -> list:
    title, small, name_style = styles
    kind = both(N_("Blank register") if reg.blank else N_("Monthly register"))
    head = [shaped_paragraph(f"{reg.org} - {kind}", title),
            shaped_paragraph(both(N_("Centre {code} {name} - group {group} - {month}")).format(
                code=reg.centre_code, name=reg.centre_name, group=reg.group_label,
                month=format_month(reg.first))
                + (" - " + both(N_("staff: {name}")).format(name=reg.staff_name)
                   if reg.staff_name else ""), small),
            Spacer(1, 3 * mm)]
    days = reg.days
    head_style = paragraph_style("Head", 6, bold=True, leading=7)
    header = ["#", shaped_paragraph(both(N_("Child")), head_style)]
    day_style = paragraph_style("Day", 6, bold=True, leading=7, alignment=1)
    weekday_style = paragraph_style("Weekday", 4.2, leading=6, alignment=1)
    header += [[shaped_paragraph(str(d.day), day_style),
                shaped_paragraph(_short_weekday(d), weekday_style)] for d in days]
    header += ([shaped_paragraph(both(h), head_style) for h in
                (N_("Pres"), N_("Abs"), N_("Exc"), N_("Sick"), N_("Rate"))] if not reg.blank
               else [shaped_paragraph(both(N_("Note")), head_style)])
    rows = [header]
    closed_cols = [2 + i for i, d in enumerate(days) if d in reg.closed]
    absent_cells = []
    for n, line in enumerate(reg.lines, start=1):
        text = f"{line.name_km}  {line.name_latin}" if line.name_km else line.name_latin
        row = [str(n), shaped_paragraph(f"{text} ({line.code})", name_style)]
        for i, d in enumerate(days):
            mark = "" if reg.blank else CELL.get(line.marks.get(d, ""), "")
            if mark == "A":
                absent_cells.append((2 + i, n))
            row.append(mark)
        if reg.blank:
            row.append("")
        else:
            c = line.counts()
            row += [str(c["P"] + c["L"]), str(c["A"]), str(c["E"]), str(c["S"]), _pct(line.rate)]
        rows.append(row)
    if not reg.blank:
        t = reg.totals()
        rows.append(["", shaped_paragraph(_("Total: {children}, {days}").format(
            children=ngettext("{n} child", "{n} children", len(reg.lines)).format(n=len(reg.lines)),
            days=ngettext("{n} school day", "{n} school days", len(reg.school_days)).format(
                n=len(reg.school_days))), small)]
                    + [str(sum(1 for line in reg.lines if line.marks.get(d) in ("P", "L")) or "")
                       if d not in reg.closed else "" for d in days]
                    + [str(t["P"] + t["L"]), str(t["A"]), str(t["E"]), str(t["S"]), _pct(reg.rate)])
    width = 277 * mm
    tail = [9 * mm] * 5 if not reg.blank else [25 * mm]
    day_w = 5.6 * mm if len(days) <= 31 else 5 * mm
    name_w = width - 7 * mm - day_w * len(days) - sum(tail)
    table = Table(rows, colWidths=[7 * mm, name_w] + [day_w] * len(days) + tail, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 7),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 6),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 0), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LEFTPADDING", (2, 0), (-1, -1), 0.5),
        ("RIGHTPADDING", (2, 0), (-1, -1), 0.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
    ]
    if not reg.blank:
        style.append(("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 7))
    for col in closed_cols:
        style.append(("BACKGROUND", (col, 1), (col, -1), SHADE))
    for col, row in absent_cells:
        style.append(("BACKGROUND", (col, row), (col, row), ABSENT))
    table.setStyle(TableStyle(style))
    closed = sorted((d, why) for d, why in reg.closed.items() if why)  # holidays; weekends go unnamed
    legend = both(N_("P present, L late, A absent, E excused, S sick. Shaded: no school"))
    if closed:
        legend += " (" + "; ".join(f"{d.day} {why}" for d, why in closed) + ")"
    foot = [Spacer(1, 2 * mm), shaped_paragraph(legend + ".", small)]
    if reg.blank:
        foot.append(shaped_paragraph(both(N_(
            "Write P, L, A, E or S in each box. Enter the marks in PSE Desktop when the power is "
            "back (the register asks for a reason for past days).")), small))
    return head + [table] + foot


def render_registers(registers, out: str | Path) -> Path:
    """Draw one or more month registers (one group after another) into a landscape A4 PDF."""
    out = Path(out)
    styles = (paragraph_style("Title", 12, bold=True), paragraph_style("Small", 7),
              paragraph_style("Name", 7.5, leading=10))
    doc = SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=10 * mm,
                            rightMargin=10 * mm, topMargin=10 * mm, bottomMargin=10 * mm,
                            title=_("Attendance register"))
    story: list = []
    for index, reg in enumerate(registers):
        if index:
            story.append(PageBreak())
        story += _story(reg, styles)
    if not story:
        story = [shaped_paragraph(_("No group to print."), styles[0])]
    doc.build(story)
    return out


def render_register(register, out: str | Path) -> Path:
    return render_registers([register], out)
