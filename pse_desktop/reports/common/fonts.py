"""Khmer fonts and shaped paragraphs for ReportLab PDFs.

ReportLab (5.x) shapes complex scripts such as Khmer only when all of these
hold:

* ``uharfbuzz`` is installed (``pip install "reportlab[shaping]"``);
* the paragraph's style has ``shaping=1`` (``ParagraphStyle.shaping``,
  default 0; tables: the ``("SHAPING", ...)`` command / cell style);
* the style's ``fontName`` is a *TrueType* font (``TTFont.shapable``); the
  standard Type 1 fonts (Helvetica...) are never shaped.

``canvas.drawString`` does **not** shape by default (it takes ``shaping=True``
since 5.x, but prefer a ``Paragraph`` from :func:`shaped_paragraph`).

Shaping is done per word (whitespace-separated), with the font of the word's
first fragment.  The shipped Noto Sans Khmer has no Latin letters or digits,
so :func:`shaped_paragraph` puts non-Khmer runs in a Latin font (Helvetica by
default) with ``<font>`` tags; a word mixing both scripts without a space
between them (e.g. ``សុខ(Sok)``) is split with a zero-width space so that
each part is shaped with its own font.

Public API: ``register_fonts()``, ``paragraph_style(...)``,
``shaped_paragraph(text, style)``, ``khmer_markup(text, ...)``, and the font
names ``KHMER_FONT``, ``KHMER_FONT_BOLD``, ``KHMER_FAMILY``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from ...resources import KHMER_FONT_FILES, khmer_font_path

__all__ = [
    "KHMER_FONT",
    "KHMER_FONT_BOLD",
    "KHMER_FAMILY",
    "LATIN_FONT",
    "LATIN_FONT_BOLD",
    "register_fonts",
    "shaping_available",
    "paragraph_style",
    "khmer_markup",
    "shaped_paragraph",
]

KHMER_FAMILY = "PSEKhmer"
KHMER_FONT = "PSEKhmer"
KHMER_FONT_BOLD = "PSEKhmer-Bold"
LATIN_FONT = "Helvetica"
LATIN_FONT_BOLD = "Helvetica-Bold"

_registered = False


def register_fonts() -> str:
    """Register the shipped Khmer TTF with ReportLab; safe to call often.

    Registers ``"PSEKhmer"`` (regular) and ``"PSEKhmer-Bold"`` (the bold face
    when shipped, else the regular face again, so the name always exists)
    and the font family ``"PSEKhmer"`` (so ``<b>`` in a paragraph picks the
    bold face).  Returns the family name.
    """
    global _registered
    if _registered and KHMER_FONT in pdfmetrics.getRegisteredFontNames():
        return KHMER_FAMILY
    registered = set(pdfmetrics.getRegisteredFontNames())
    regular = khmer_font_path(False)
    bold = khmer_font_path(True)
    if KHMER_FONT not in registered:
        pdfmetrics.registerFont(TTFont(KHMER_FONT, str(regular)))
    if KHMER_FONT_BOLD not in registered:
        pdfmetrics.registerFont(TTFont(KHMER_FONT_BOLD, str(bold)))
    pdfmetrics.registerFontFamily(
        KHMER_FAMILY,
        normal=KHMER_FONT,
        bold=KHMER_FONT_BOLD,
        italic=KHMER_FONT,
        boldItalic=KHMER_FONT_BOLD,
    )
    _registered = True
    return KHMER_FAMILY


def shaping_available() -> bool:
    """True if ReportLab can shape (uharfbuzz importable) with our font."""
    register_fonts()
    return bool(getattr(pdfmetrics.getFont(KHMER_FONT), "shapable", False))


def paragraph_style(name: str = "Body", size: float = 10, bold: bool = False, **kw) -> ParagraphStyle:
    """A ``ParagraphStyle`` in the Khmer font with HarfBuzz shaping on.

    ``size`` is in points.  ``leading`` defaults to 1.6 x size: stacked
    subscripts go about 0.56 em below the baseline, so the usual 1.2 would
    make lines of Khmer touch.  Any other ``ParagraphStyle`` attribute may
    be passed in ``kw`` (``alignment``, ``textColor``, ``parent``...);
    ``shaping`` is forced on.
    """
    register_fonts()
    kw.setdefault("fontName", KHMER_FONT_BOLD if bold else KHMER_FONT)
    kw.setdefault("fontSize", size)
    kw.setdefault("leading", round(size * 1.6, 2))
    kw["shaping"] = 1
    parent = kw.pop("parent", None)
    return ParagraphStyle(name, parent=parent, **kw)


# -- mixed Khmer / Latin text ---------------------------------------------

def _is_khmer(ch: str) -> bool:
    o = ord(ch)
    return 0x1780 <= o <= 0x17FF or 0x19E0 <= o <= 0x19FF or ch in "\u200b\u200c\u200d\u25cc"


def _khmer_cmap() -> set:
    register_fonts()
    return pdfmetrics.getFont(KHMER_FONT).face.charToGlyph


def _runs(text: str, cmap) -> list[tuple[bool, str]]:
    """Split ``text`` into ``[(is_khmer, run)]``.

    Whitespace and punctuation the Khmer font has are neutral: they stay in
    the Khmer font only when Khmer is on both sides of them.
    """
    kinds = []
    for ch in text:
        if _is_khmer(ch):
            kinds.append(True)
        elif (ch.isspace() or not ch.isalnum()) and ord(ch) in cmap:
            kinds.append(None)
        else:
            kinds.append(False)
    n = len(kinds)
    i = 0
    while i < n:
        if kinds[i] is not None:
            i += 1
            continue
        j = i
        while j < n and kinds[j] is None:
            j += 1
        before = kinds[i - 1] if i else None
        after = kinds[j] if j < n else None
        if before is None and after is None:
            kind = False
        elif before is None or after is None:
            kind = before if after is None else after
        else:
            kind = before and after
        kinds[i:j] = [kind] * (j - i)
        i = j
    runs: list[tuple[bool, str]] = []
    for ch, k in zip(text, kinds):
        if runs and runs[-1][0] == k:
            runs[-1] = (k, runs[-1][1] + ch)
        else:
            runs.append((k, ch))
    return runs


def khmer_markup(text, khmer_font: str = KHMER_FONT, latin_font: str = LATIN_FONT,
                 base_font: str | None = None) -> str:
    """Escaped paragraph markup for plain ``text`` with per-script fonts.

    ``&``, ``<`` and ``>`` are escaped.  Runs not in the paragraph's base
    font (``base_font``, default ``khmer_font``) are wrapped in
    ``<font name="...">``.  Where a Khmer run touches a Latin run with no
    space between, a zero-width space is inserted: ReportLab shapes each
    space-separated word with a single font (its first fragment's), so the
    two runs must be separate words.  (It is rendered as a normal space.)
    """
    text = "" if text is None else str(text)
    base_font = base_font or khmer_font
    cmap = _khmer_cmap()
    out = []
    prev = None
    for is_khmer, run in _runs(text, cmap):
        if prev is not None and not prev[1][-1:].isspace() and not run[:1].isspace():
            out.append("\u200a")
        font = khmer_font if is_khmer else latin_font
        body = _xml_escape(run)
        if font != base_font:
            body = '<font name="%s">%s</font>' % (font, body)
        out.append(body)
        prev = (is_khmer, run)
    return "".join(out)


def shaped_paragraph(text, style: ParagraphStyle | None = None, **kw) -> Paragraph:
    """A ``Paragraph`` of plain ``text`` (a name...), shaped.

    The text is XML-escaped (``&``, ``<``, ``>`` are safe) and split into
    Khmer and Latin runs (see :func:`khmer_markup`).  ``style`` defaults to
    ``paragraph_style()``; a style whose font is not shapable (Helvetica...)
    or that has shaping off is cloned into one in the Khmer font with shaping
    on, keeping its size, leading, colour and alignment.  Bold styles (font
    name containing "Bold") use the bold faces.  ``kw`` goes to
    ``Paragraph`` (e.g. ``bulletText``).
    """
    register_fonts()
    if style is None:
        style = paragraph_style()
    bold = "bold" in str(style.fontName).lower()
    khmer_font = KHMER_FONT_BOLD if bold else KHMER_FONT
    latin_font = LATIN_FONT_BOLD if bold else LATIN_FONT
    font = pdfmetrics.getFont(style.fontName)
    if not (style.shaping and getattr(font, "shapable", False)):
        if style.fontName not in (KHMER_FONT, KHMER_FONT_BOLD):
            latin_font = style.fontName
        style = style.clone(style.name + "+khmer", fontName=khmer_font, shaping=1)
    else:
        khmer_font = style.fontName if style.fontName in (KHMER_FONT, KHMER_FONT_BOLD) else khmer_font
    markup = khmer_markup(text, khmer_font=khmer_font, latin_font=latin_font,
                          base_font=style.fontName)
    return Paragraph(markup, style, **kw)


def shape_cells(rows, size: float = 8.5, bold_rows=(0,)) -> list[list]:
    """``rows`` of a ``Table`` with every text cell that holds Khmer turned into a shaped
    paragraph (a plain cell is drawn in the table's Latin font: Khmer came out as boxes).
    Rows in ``bold_rows`` (the header) are bold; other cells are left as they are."""
    out = []
    for index, row in enumerate(rows):
        bold = index in bold_rows
        style = paragraph_style(f"Cell{size}{'b' if bold else ''}", size, bold=bold, leading=size * 1.25)
        out.append([shaped_paragraph(cell, style) if isinstance(cell, str) and any(map(_is_khmer, cell))
                    else cell for cell in row])
    return out
