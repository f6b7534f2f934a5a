"""Tests for pse_desktop.reports.common.fonts (Khmer in ReportLab PDFs)."""

import shutil
import subprocess

import pytest
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.platypus import Paragraph, SimpleDocTemplate

from pse_desktop.reports.common import fonts

NAMES = "ស្រីពៅ សុវណ្ណ ពិសិដ្ឋ លក្ខិណា"


def test_register_fonts_is_idempotent():
    assert fonts.register_fonts() == "PSEKhmer"
    assert fonts.register_fonts() == "PSEKhmer"
    names = pdfmetrics.getRegisteredFontNames()
    assert "PSEKhmer" in names and "PSEKhmer-Bold" in names
    assert fonts.shaping_available(), "uharfbuzz missing: reportlab cannot shape"


def test_paragraph_style_turns_shaping_on():
    style = fonts.paragraph_style("Name", size=12, bold=True, alignment=1)
    assert style.name == "Name"
    assert style.shaping == 1
    assert style.fontName == "PSEKhmer-Bold"
    assert style.fontSize == 12 and style.leading > 12 * 1.5
    assert style.alignment == 1
    assert fonts.paragraph_style().fontName == "PSEKhmer"


def test_reportlab_really_shapes_khmer():
    fonts.register_fonts()
    for word in NAMES.split():
        shaped = shapeStr(word, "PSEKhmer", 10)
        advance = sum(d.x_advance for d in shaped.__shapeData__) * 10 / 1000
        # subscripts/pre-base ro take no advance and are moved (offsets)
        assert advance < pdfmetrics.stringWidth(word, "PSEKhmer", 10), word
        assert any(d.x_offset or d.y_offset for d in shaped.__shapeData__), word


def test_shaped_paragraph_escapes_and_splits_scripts():
    p = fonts.shaped_paragraph("Tom & Jerry <b>x</b> សុខ")
    assert isinstance(p, Paragraph)
    assert p.getPlainText() == "Tom & Jerry <b>x</b> សុខ"
    markup = fonts.khmer_markup("សុខ សុភា (Sok Sophea)")
    assert markup == 'សុខ សុភា<font name="Helvetica"> (Sok Sophea)</font>'
    assert "&amp;" in fonts.khmer_markup("A & B")


def test_shaped_paragraph_upgrades_a_plain_style():
    normal = getSampleStyleSheet()["Normal"]
    p = fonts.shaped_paragraph("ស្រីពៅ (Sreypov)", normal)
    assert p.style.shaping == 1 and p.style.fontName == "PSEKhmer"
    assert p.style.fontSize == normal.fontSize
    heading = getSampleStyleSheet()["Heading2"]  # Helvetica-Bold
    assert fonts.shaped_paragraph("ស្រីពៅ", heading).style.fontName == "PSEKhmer-Bold"


def _build(path, story):
    SimpleDocTemplate(str(path)).build(story)
    return path.read_bytes()


def test_pdf_with_shaped_khmer_embeds_the_font(tmp_path):
    style = fonts.paragraph_style(size=14)
    story = [
        fonts.shaped_paragraph(NAMES, style),
        fonts.shaped_paragraph("សុខ សុភា (Sok Sophea) & <co>", style),
        fonts.shaped_paragraph("សុខ(Sok)ស", style),  # script change inside a word
        fonts.shaped_paragraph("បុប្ផា", fonts.paragraph_style(size=14, bold=True)),
    ]
    data = _build(tmp_path / "khmer.pdf", story)
    assert data.startswith(b"%PDF")
    assert b"NotoSansKhmer-Regular" in data  # subset BaseFont, e.g. AAAAAA+Noto...
    assert b"NotoSansKhmer-Bold" in data
    assert b"/FontFile2" in data  # TrueType program embedded
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", str(tmp_path / "khmer.pdf")],
                             capture_output=True, text=True, check=True).stdout
        line = next(ln for ln in out.splitlines() if "NotoSansKhmer-Regular" in ln)
        assert " yes " in line  # emb column
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "khmer.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "(Sok Sophea) & <co>" in text


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_shaped_pdf_looks_different_from_unshaped(tmp_path):
    from PIL import Image, ImageChops

    shaped_style = fonts.paragraph_style(size=24)
    plain_style = shaped_style.clone("plain", shaping=0)
    pngs = []
    for name, style in (("shaped", shaped_style), ("plain", plain_style)):
        pdf = tmp_path / (name + ".pdf")
        _build(pdf, [Paragraph("ស្រីពៅ សុវណ្ណ", style)])
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-singlefile", str(pdf),
                        str(tmp_path / name)], check=True)
        pngs.append(Image.open(tmp_path / (name + ".png")).convert("L"))
    assert ImageChops.difference(*pngs).getbbox() is not None


def test_table_cells_with_khmer_are_shaped_and_others_left(tmp_path):
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from pse_desktop.reports.common.fonts import shape_cells

    rows = shape_cells([["សរុប", "Total", 3], ["12 វិច្ឆិកា 2026", "", None]])
    assert isinstance(rows[0][0], Paragraph) and isinstance(rows[1][0], Paragraph)
    assert rows[0][1:] == ["Total", 3] and rows[1][1:] == ["", None]
    SimpleDocTemplate(str(tmp_path / "t.pdf")).build([Table(rows)])  # watched: no boxes


def test_the_watch_fails_on_khmer_in_a_latin_font(tmp_path):
    from reportlab.platypus import SimpleDocTemplate, Table

    from tests.reports.conftest import drawn_without_khmer_glyphs

    assert drawn_without_khmer_glyphs("Helvetica", "សរុប")
    SimpleDocTemplate(str(tmp_path / "t.pdf")).build([Table([["Total"]])])  # Latin in Helvetica: fine
