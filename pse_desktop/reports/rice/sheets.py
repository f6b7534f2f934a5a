"""The rice distribution sheet of a centre, in the reader's language with the Khmer beside it
(``labels.both``): family, guardians in Khmer and Latin letters, kilograms, a column to sign or
press a thumb. Draws plain data only."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import paragraph_style, shaped_paragraph
from ..common.labels import both
from ...formats import format_month, format_number
from ...i18n import N_, _, ngettext

GRID = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]


def _kg(grams: int) -> str:
    """'12.5 kg' ('12,5 kg' in French): the reader's decimal sign."""
    return _("{kg} kg").format(kg=format_number(round(grams / 1000, 3)))


def render_sheet(sheet, out: str | Path) -> Path:
    out = Path(out)
    title = paragraph_style("RTitle", 14, bold=True)
    body = paragraph_style("RBody", 9.5, leading=15)
    cell = paragraph_style("RCell", 8.5, leading=13)
    name = paragraph_style("RName", 11, leading=17)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=_("Rice distribution"))
    families = ngettext("{n} family", "{n} families", len(sheet.lines)).format(n=len(sheet.lines))
    story = [shaped_paragraph(f"{sheet.org}", body),
             shaped_paragraph(both(N_("Rice distribution")), title),
             shaped_paragraph(f"{both(N_('Centre'))} {sheet.centre_code} {sheet.centre_name} - "
                              f"{both(N_('Month'))} {format_month(sheet.month)} - {families}, "
                              f"{_kg(sheet.total_g)}", body), Spacer(1, 4 * mm)]
    head = [shaped_paragraph(both(label), cell) if label != "#" else "#" for label in (
        "#", N_("Family"), N_("Guardian (Khmer)"), N_("Guardian (Latin)"), N_("Kilograms"),
        N_("Signature or thumbprint"))]
    rows = [head]
    for n, line in enumerate(sheet.lines, start=1):
        rows.append([str(n), line.family_code,
                     shaped_paragraph(line.guardians_km, name) if line.guardians_km else "",
                     shaped_paragraph(line.guardians_latin, body),
                     shaped_paragraph(_kg(line.kg_g), body), ""])
    table = Table(rows, colWidths=[9 * mm, 20 * mm, 45 * mm, 45 * mm, 22 * mm, 45 * mm],
                  repeatRows=1, rowHeights=[None] + [14 * mm] * len(sheet.lines))
    table.setStyle(TableStyle(GRID))
    story += [table, Spacer(1, 4 * mm),
              shaped_paragraph(both(N_("A person collecting for the family writes their own "
                                       "name beside the signature.")), cell)]
    doc.build(story)
    return out
