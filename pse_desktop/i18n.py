"""One translation function for every text a user reads: window, messages, errors, PDFs.

Catalogues: ``resources/locale/<lang>/LC_MESSAGES/pse_desktop.po`` (in git), compiled in memory
the first time a language is used; a ``.mo`` next to it that is not older (the wheel build writes
one, see setup.py) is read instead. The language is the process's current one: ``set_language("km")`` at login, and
every ``_()`` after that answers in Khmer. ``PSE_LANG`` in the environment gives the language
before anyone logs in (the command line uses it too).

``N_("text")`` marks a text for extraction without translating it (constants, state names,
screen titles): the code that shows it calls ``_(value)``.
"""

from __future__ import annotations

import gettext
import io
import os
import threading

from .resources import resource_path

DOMAIN = "pse_desktop"
LANGUAGES = {"en": "English", "fr": "Français", "km": "ខ្មែរ"}
DEFAULT = "en"
LOCALES = {"en": "en_US", "fr": "fr_FR", "km": "km_KH"}

_lock = threading.Lock()
_loaded: dict[str, gettext.NullTranslations] = {}
_current = DEFAULT
_translation: gettext.NullTranslations = gettext.NullTranslations()


def catalogue_path(lang: str, ext: str = "po"):
    return resource_path("locale", lang, "LC_MESSAGES", f"{DOMAIN}.{ext}")


def compile_catalogue(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang``, compiled from its .po (or read from its .mo)."""
    po, mo = catalogue_path(lang), catalogue_path(lang, "mo")
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with open(mo, "rb") as fh:
            return gettext.GNUTranslations(fh)
    if po.is_file():
        cached = _cache_path(lang, po)
        try:
            with open(cached, "rb") as fh:
                return gettext.GNUTranslations(fh)
        except OSError:
            pass
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with open(po, "rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        try:  # the next start reads it instead of compiling again
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(buf.getvalue())
        except OSError:
            pass
        buf.seek(0)
        return gettext.GNUTranslations(buf)
    return gettext.NullTranslations()


def _cache_path(lang: str, po):
    """Where the compiled catalogue of this very .po (size and time) is kept between starts."""
    import platformdirs
    from pathlib import Path

    stat = po.stat()
    folder = os.environ.get("PSE_CACHE") or platformdirs.user_cache_dir("pse-desktop", "PSE")
    return Path(folder) / "locale" / f"{lang}-{stat.st_size}-{stat.st_mtime_ns}.mo"


def _translations(lang: str) -> gettext.NullTranslations:
    with _lock:
        if lang not in _loaded:
            _loaded[lang] = (gettext.NullTranslations() if lang == DEFAULT
                             else compile_catalogue(lang))
        return _loaded[lang]


def normalise(lang: str | None) -> str:
    """A language code we have ("fr_FR.UTF-8" -> "fr"); English for anything else."""
    code = (lang or "").replace("-", "_").split(".")[0].split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT


def set_language(lang: str | None) -> str:
    """Make ``lang`` the language of every following ``_()``; return the code used."""
    global _current, _translation
    code = normalise(lang)
    _translation = _translations(code)
    _current = code
    return code


def language() -> str:
    """The current language code ("en", "fr" or "km")."""
    return _current


def locale_name() -> str:
    """The Babel locale of the current language ("km_KH")."""
    return LOCALES[_current]


def reload() -> None:
    """Forget compiled catalogues (after the .po files changed)."""
    with _lock:
        _loaded.clear()
    set_language(_current)


def _(message: str) -> str:
    """Return the translation of a text (the English text when there is none).

    An empty text stays empty (gettext would answer with the catalogue's header).
    """
    if not message:
        return message
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a text for ``n``, in the current language."""
    return _translation.ngettext(singular, plural, n)


def gettext_in(lang: str, message: str) -> str:
    """The translation of ``message`` in ``lang`` whatever the current language."""
    if not message:
        return message
    return _translations(normalise(lang)).gettext(message)


def local_name(name: str, name_km: str = "") -> str:
    """A reference name (a trade, a skill, a meeting theme) in the current language.

    Names the program seeds are English and marked with ``N_`` where they are seeded, so the
    catalogues translate them; names typed by users are not in the catalogues and stay as typed.
    A Khmer reader sees ``name_km`` when the record has one.
    """
    if _current == "km" and name_km:
        return name_km
    return _(name)


def translate_label(text: str, translate=None) -> str:
    """A label stored in English, translated whole ("Attendance bonus") or by its translatable
    head ("Overtime 150%", "Piece work: bag")."""
    translate = translate or _
    here = translate(text)
    if here != text:
        return here
    for sep in (": ", " "):
        head, found, tail = text.rpartition(sep) if sep == " " else text.partition(sep)
        if found and head and translate(head) != head:
            return f"{translate(head)}{sep}{tail}"
    return text


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for translation without translating it now (see the module doc)."""
    return message


set_language(os.environ.get("PSE_LANG"))
