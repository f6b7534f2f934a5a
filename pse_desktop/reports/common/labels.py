"""Texts of the documents: in the reader's language, with the Khmer beside it where staff sign.

Payslips, registers and sign sheets are read and signed by people who read Khmer first, whatever
the language of the person who prints them: their labels come as "Payslip / បង្កាន់ដៃបើកប្រាក់ខែ".
"""

from __future__ import annotations

from ...i18n import _, gettext_in, language, translate_label


def both(message: str) -> str:
    """``message`` in the current language, then " / " and its Khmer (once when they are the same)."""
    here = _(message)
    khmer = gettext_in("km", message)
    if language() == "km" or khmer == here:
        return here
    return f"{here} / {khmer}"


def label(text: str, translate=_) -> str:
    """A stored label in the reader's language (see ``i18n.translate_label``)."""
    return translate_label(text, translate)


def both_label(text: str) -> str:
    """``label(text)`` with the Khmer beside it, as ``both``."""
    here = label(text)
    khmer = label(text, lambda message: gettext_in("km", message))
    return here if language() == "km" or khmer == here else f"{here} / {khmer}"


def cells(labels, style, bilingual: bool = False) -> list:
    """Table heading cells in the reader's language, shaped (Khmer needs it); "" stays empty."""
    from .fonts import shaped_paragraph

    return [shaped_paragraph(both(lab) if bilingual else _(lab), style) if lab else ""
            for lab in labels]
