"""Paragraph styles shared by the shop's PDFs."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from ..common.fonts import LATIN_FONT, LATIN_FONT_BOLD


def latin_style(name: str = "Latin", size: float = 10, bold: bool = False, **kw) -> ParagraphStyle:
    """A Helvetica style for Latin text with markup (<b>...); ``shaped_paragraph`` with it keeps
    Helvetica for the Latin runs and shapes any Khmer runs in the Khmer font."""
    kw.setdefault("leading", round(size * 1.3, 2))
    return ParagraphStyle(name, fontName=LATIN_FONT_BOLD if bold else LATIN_FONT, fontSize=size,
                          **kw)
