"""The shop's Latin paragraph style: Helvetica (bold when asked), leading from the size."""

from pse_desktop.reports.common.fonts import LATIN_FONT, LATIN_FONT_BOLD
from pse_desktop.reports.shop.styles import latin_style


def test_plain_and_bold_fonts_and_default_leading():
    plain = latin_style("p", 10)
    assert (plain.name, plain.fontName, plain.fontSize, plain.leading) == ("p", LATIN_FONT, 10, 13)
    bold = latin_style("b", 8.5, bold=True)
    assert (bold.fontName, bold.leading) == (LATIN_FONT_BOLD, 11.05)


def test_given_leading_and_alignment_are_kept():
    style = latin_style("c", 7.5, leading=9, alignment=1)
    assert (style.leading, style.alignment) == (9, 1)
