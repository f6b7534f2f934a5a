"""A meeting's papers: the sign sheet printed before (guardians in Khmer and Latin, a column
to sign or press a thumb) and the minutes after (who came, who did not, notes, follow-ups)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import paragraph_style, shape_cells, shaped_paragraph
from ..common.labels import both
from ...formats import format_date
from ...i18n import N_, _, ngettext
from ...services.centres.rules import relation_label

GRID = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]


def _styles():
    return (paragraph_style("Title", 14, bold=True), paragraph_style("Body", 9.5),
            paragraph_style("Small", 8), paragraph_style("Name", 11, leading=17))


def _head(meeting, org, kind, styles) -> list:
    title, body, _small, _name = styles
    when = format_date(meeting.held_on, "full") + (
        " " + _("at {time}").format(time=meeting.start_time) if meeting.start_time else "")
    lines = [shaped_paragraph(f"{org} - {both(kind)}", title),
             shaped_paragraph(_("Centre {code} {name} - {when} - {minutes} minutes").format(
                 code=meeting.centre_code, name=meeting.centre_name, when=when,
                 minutes=meeting.duration_min), body),
             shaped_paragraph(_("Theme: {theme}").format(theme=_(meeting.theme)) + (f" - {meeting.title}" if meeting.title
                                                            and meeting.title != meeting.theme else ""),
                              body)]
    if meeting.facilitators:
        lines.append(shaped_paragraph(_("Facilitators: {names}").format(names=meeting.facilitators), body))
    return lines + [Spacer(1, 4 * mm)]


def render_sign_sheet(sheet, out: str | Path) -> Path:
    """Draw the sign sheet: one row per invited family, blank rows for walk-ins."""
    out = Path(out)
    styles = _styles()
    _title, body, small, name = styles
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=_("Meeting sign sheet"))
    story = _head(sheet.meeting, sheet.org, N_("Parent meeting sign sheet"), styles)
    head = paragraph_style("Head", 8, bold=True, leading=10)
    rows = [["#"] + [shaped_paragraph(both(h), head) for h in (
        N_("Family"), N_("Guardian (Khmer)"), N_("Guardian (Latin)"), N_("Signature or thumbprint"))]]
    for n, line in enumerate(sheet.lines, start=1):
        km = "\n".join(g[0] for g in line.guardians if g[0])
        latin = " / ".join(f"{g[1]} ({relation_label(g[2])})" for g in line.guardians)
        rows.append([str(n), line.family_code,
                     shaped_paragraph(km.replace("\n", " / "), name) if km else "",
                     shaped_paragraph(latin, body), ""])
    for n in range(len(sheet.lines) + 1, len(sheet.lines) + 1 + sheet.blank_lines):
        rows.append([str(n), "", "", "", ""])
    table = Table(shape_cells(rows), colWidths=[8 * mm, 20 * mm, 50 * mm, 55 * mm, 53 * mm], repeatRows=1,
                  rowHeights=[8 * mm] + [15 * mm] * (len(rows) - 1))
    table.setStyle(TableStyle(GRID))
    story += [table, Spacer(1, 3 * mm),
              shaped_paragraph(ngettext("{n} family invited.", "{n} families invited.",
                                        len(sheet.lines)).format(n=len(sheet.lines)) + " " + both(N_(
                  "Whoever comes for a family signs or presses a thumb in the last column; if it is "
                  "not the guardian named, write who came (aunt, grandmother...). Walk-ins use the "
                  "empty rows.")),
                               small)]
    doc.build(story)
    return out


def render_minutes(minutes, out: str | Path) -> Path:
    """Draw the minutes: figures, who came and for which family, who did not, notes, actions."""
    out = Path(out)
    styles = _styles()
    title, body, small, _name = styles
    m = minutes.meeting
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=_("Meeting minutes"))
    story = _head(m, minutes.org, N_("Minutes of a parent meeting"), styles)
    walk_ins = sum(1 for i in m.invitees if i.came and not i.invited)
    story.append(shaped_paragraph(
        _("Families invited: {invited}. Families present: {present} (of which {walk_ins} not "
          "invited). Guests: {guests}. Families absent: {absent}.").format(
            invited=m.invited_count, present=len(minutes.present), walk_ins=walk_ins,
            guests=len(m.guests), absent=len(minutes.absent)), body))
    story.append(Spacer(1, 3 * mm))
    story.append(shaped_paragraph(_("Present"), paragraph_style("H2", 11, bold=True)))
    rows = [[_("Family"), _("Who came"), _("Invited")]]
    rows += [[i.family_code, shaped_paragraph(i.who_came, body), _("yes") if i.invited else _("no")]
             for i in minutes.present]
    rows += [[_("guest"), shaped_paragraph(f"{g[0]}" + (f" ({g[1]})" if g[1] else ""), body), _("no")]
             for g in m.guests]
    table = Table(shape_cells(rows), colWidths=[25 * mm, 130 * mm, 20 * mm], repeatRows=1)
    table.setStyle(TableStyle(GRID))
    story.append(table)
    story.append(Spacer(1, 3 * mm))
    story.append(shaped_paragraph(_("Absent"), paragraph_style("H2", 11, bold=True)))
    absent = ", ".join(f"{i.family_code} ({', '.join(g.name_latin for g in i.guardians)})"
                       for i in minutes.absent) or _("Nobody.")
    story.append(shaped_paragraph(absent, body))
    story.append(Spacer(1, 3 * mm))
    story.append(shaped_paragraph(_("Notes"), paragraph_style("H2", 11, bold=True)))
    for para in (m.notes or _("No notes.")).split("\n"):
        if para.strip():
            story.append(shaped_paragraph(para, body))
    story.append(Spacer(1, 3 * mm))
    story.append(shaped_paragraph(_("Follow-up actions"), paragraph_style("H2", 11, bold=True)))
    if minutes.followups:
        rows = [[_("Family"), _("Action"), _("Who"), _("Due"), _("Done")]]
        rows += [[f.family_code, shaped_paragraph(f.action, small), f.assigned_to, format_date(f.due_on),
                  format_date(f.done_on) if f.done_on else ""] for f in minutes.followups]
        table = Table(shape_cells(rows), colWidths=[20 * mm, 85 * mm, 30 * mm, 22 * mm, 22 * mm], repeatRows=1)
        table.setStyle(TableStyle(GRID))
        story.append(table)
    else:
        story.append(shaped_paragraph(_("None."), body))
    doc.build(story)
    return out
