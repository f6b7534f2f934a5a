"""The rice distribution sheet of a centre, in Khmer and English: family, guardians in Khmer
and Latin letters, kilograms, a column to sign or press a thumb. Draws plain data only."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import paragraph_style, shaped_paragraph

GRID = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]


def _kg(grams: int) -> str:
    whole, rest = divmod(grams, 1000)
    return f"{whole}" + (f".{rest:03d}".rstrip("0") if rest else "") + " kg"


def render_sheet(sheet, out: str | Path) -> Path:
    out = Path(out)
    title = paragraph_style("RTitle", 14, bold=True)
    body = paragraph_style("RBody", 9.5, leading=15)
    cell = paragraph_style("RCell", 8.5, leading=13)
    name = paragraph_style("RName", 11, leading=17)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title="Rice distribution")
    story = [shaped_paragraph(f"{sheet.org}", body),
             shaped_paragraph("បញ្ជីចែកអង្ករ / Rice distribution", title),
             shaped_paragraph(f"មណ្ឌល / Centre {sheet.centre_code} {sheet.centre_name} - "
                              f"ខែ / Month {sheet.month:%m/%Y} - {len(sheet.lines)} families, "
                              f"{_kg(sheet.total_g)}", body), Spacer(1, 4 * mm)]
    head = [[shaped_paragraph(km, cell), shaped_paragraph(en, cell)] for km, en in (
        ("ល.រ", "#"), ("គ្រួសារ", "Family"), ("អាណាព្យាបាល", "Guardian (Khmer)"),
        ("ឈ្មោះឡាតាំង", "Guardian (Latin)"), ("គីឡូក្រាម", "Kilograms"),
        ("ហត្ថលេខា ឬស្នាមមេដៃ", "Signature or thumbprint"))]
    rows = [head]
    for n, line in enumerate(sheet.lines, start=1):
        rows.append([str(n), line.family_code,
                     shaped_paragraph(line.guardians_km, name) if line.guardians_km else "",
                     shaped_paragraph(line.guardians_latin, body), _kg(line.kg_g), ""])
    table = Table(rows, colWidths=[9 * mm, 20 * mm, 45 * mm, 45 * mm, 22 * mm, 45 * mm],
                  repeatRows=1, rowHeights=[None] + [14 * mm] * len(sheet.lines))
    table.setStyle(TableStyle(GRID))
    story += [table, Spacer(1, 4 * mm),
              shaped_paragraph("អ្នកទទួលជំនួសសរសេរឈ្មោះខ្លួន / A person collecting for the family "
                               "writes their own name beside the signature.", cell)]
    doc.build(story)
    return out
