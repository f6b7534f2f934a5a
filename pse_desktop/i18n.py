"""One translation function for all UI text, so French and Khmer catalogues can be added.

Catalogues go in ``resources/locale/<lang>/LC_MESSAGES/pse_desktop.mo``; the language comes
from the ``PSE_LANG`` environment variable, else the system's.
"""

from __future__ import annotations

import gettext
import os

from .resources import resource_path

DOMAIN = "pse_desktop"


def _load() -> gettext.NullTranslations:
    langs = [os.environ["PSE_LANG"]] if os.environ.get("PSE_LANG") else None
    return gettext.translation(DOMAIN, localedir=str(resource_path("locale")), languages=langs,
                               fallback=True)


_translation = _load()


def _(message: str) -> str:
    """Return the translation of a UI text (the English text when there is none)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
