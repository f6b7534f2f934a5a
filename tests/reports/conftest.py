"""Every PDF the report tests draw is watched: Khmer drawn in a font that has no Khmer glyphs
(a table cell or a chart string left in Helvetica) fails the test, where it would print as boxes."""

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import textobject

from pse_desktop.views.common.khmer_render import has_khmer as _khmer


def drawn_without_khmer_glyphs(font_name: str, text: str) -> bool:
    font = pdfmetrics.getFont(font_name)
    if not getattr(font, "_dynamicFont", 0):  # a standard PDF font (Helvetica...): Latin only
        return True
    glyphs = getattr(getattr(font, "face", None), "charToGlyph", None)
    return glyphs is not None and any(_khmer(ch) and ord(ch) not in glyphs for ch in text)


@pytest.fixture(autouse=True)
def no_khmer_boxes(monkeypatch):
    boxes = []
    original = textobject.PDFTextObject._formatText

    def watched(self, text):
        if isinstance(text, str) and _khmer(text) and drawn_without_khmer_glyphs(self._fontname, text):
            boxes.append(f"{text!r} in {self._fontname}")
        return original(self, text)

    monkeypatch.setattr(textobject.PDFTextObject, "_formatText", watched)
    yield
    assert not boxes, "Khmer drawn in a font without Khmer glyphs (boxes on paper):\n  " + "\n  ".join(boxes)
