"""Small checks shared by services; each returns the clean value or raises ValidationError."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from . import numbers
from .errors import ValidationError
from ...i18n import _

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width and soft-hyphen characters
KHMER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def clean_text(field: str, value, max_len: int, *, required: bool = True, multiline: bool = False,
               visible: bool = True) -> str:
    """Return the text trimmed and in Unicode NFC, or raise ValidationError naming ``field``.

    Refused: what is not text, NUL and other control characters (line breaks only when
    ``multiline``), a text with no visible character (a lone zero-width space), more than
    ``max_len`` characters (the message gives the limit).
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, _("must be text"))
    if len(value) > 4 * max_len + 100:  # checked first so a huge paste costs nothing more
        raise ValidationError(field, _("is too long ({n} characters, {max_len} at most)").format(n=len(value), max_len=max_len))
    value = value.replace("\r\n", "\n")
    if not multiline:
        value = value.replace("\t", " ")  # a tab pasted from a spreadsheet is a space in a name
    for ch in value:
        cat = unicodedata.category(ch)
        if ch in "\n\t" and multiline:
            continue
        if ch in "\n\r\v\f\u2028\u2029":
            raise ValidationError(field, _("must be on one line"))
        if cat in ("Cc", "Cs", "Co", "Cn"):
            raise ValidationError(field, _("holds a control or invalid character (U+{code}); type it again").format(code=f"{ord(ch):04X}"))
    value = unicodedata.normalize("NFC", value).strip(" \t\n\u00a0\u3000" + INVISIBLE)
    if multiline:
        value = "\n".join(line.rstrip() for line in value.split("\n"))
    if value and visible and not any(unicodedata.category(c)[0] in "LNMPS" for c in value):
        raise ValidationError(field, _("has no visible character"))
    if required and not value:
        raise ValidationError(field, _("is required"))
    if len(value) > max_len:
        raise ValidationError(field, _("is too long ({n} characters, {max_len} at most)").format(n=len(value), max_len=max_len))
    return value


def text(field: str, value, max_len: int, required: bool = True, multiline: bool | None = None) -> str:
    """Return the clean text (see clean_text); fields of more than 200 characters may hold
    several lines (notes, reasons) unless ``multiline`` says otherwise."""
    return clean_text(field, value, max_len, required=required,
                      multiline=max_len > 200 if multiline is None else multiline)


def name(field: str, value, max_len: int = 80, required: bool = True) -> str:
    """A person's or a thing's name: clean text on one line with at least one letter."""
    value = clean_text(field, value, max_len, required=required)
    if value and not any(unicodedata.category(c)[0] == "L" for c in value):
        raise ValidationError(field, _("must hold at least one letter"))
    return value


def script_warning(field: str, value: str, script: str) -> str:
    """A warning (never a refusal) when a Khmer field holds Latin letters or a Latin field Khmer."""
    if not value:
        return ""
    if script == "khmer" and LATIN.search(value):
        return f"{field}: holds Latin letters; is this the Khmer name?"
    if script == "latin" and KHMER.search(value):
        return f"{field}: holds Khmer letters; the Khmer name has its own field"
    return ""


def code(field: str, value, max_len: int = 10) -> str:
    """Return an upper-case code of letters, digits, '-' and '_'."""
    value = text(field, value, max_len)
    if not CODE_RE.match(value):
        raise ValidationError(field, _("may only hold letters, digits, '-' and '_'"))
    return value.upper()


def record_id(field: str, value) -> int | None:
    """An id chosen in a form (an int, or its digits); None when empty; refused when impossible."""
    if value in (None, ""):
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,18}\s*", value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2 ** 63:
        raise ValidationError(field, _("is unknown"))
    return value


def choice(field: str, value, choices) -> str:
    if value not in choices:
        raise ValidationError(field, _("must be one of: {join}").format(join=', '.join(choices)))
    return value


def integer(field: str, value, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return an int from an int or a text typed in the user's language, within bounds."""
    if isinstance(value, bool):
        raise ValidationError(field, _("must be a whole number"))
    if isinstance(value, str):  # in the user's language, like amounts: '1,200', '1 200', '១២'
        if len(value) > numbers.MAX_TEXT:
            raise ValidationError(field, _("must be a whole number, not {value!r}").format(value=value[:40] + "..."))
        value = numbers.parse_whole(field, value)
    if not isinstance(value, int):
        raise ValidationError(field, _("must be a whole number"))
    if abs(value) >= 10 ** 18:  # a database integer holds 19 digits at most
        raise ValidationError(field, _("is far too large"))
    if minimum is not None and value < minimum:
        raise ValidationError(field, _("must be at least {minimum}").format(minimum=minimum))
    if maximum is not None and value > maximum:
        raise ValidationError(field, _("must be at most {maximum}").format(maximum=maximum))
    return value


#: No date of this office program is outside these, whatever the field.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)


def date(field: str, value, required: bool = True, earliest: dt.date | None = None,
         latest: dt.date | None = None, why: str = "") -> dt.date | None:
    """Return a date from a date or an ISO text (YYYY-MM-DD), within ``earliest``..``latest``.

    The message states the range, and ``why`` when given ("hire dates start in 1980").
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, _("is required"))
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str):
        raw = value.strip()
        try:
            if len(raw) > 10:
                raise ValueError
            value = dt.date.fromisoformat(raw)
        except ValueError:
            raise ValidationError(field, _("must be a date like 2026-01-31, not {value!r}").format(value=value[:40])) from None
    elif not isinstance(value, dt.date):
        raise ValidationError(field, _("must be a date"))
    low, high = max(earliest or EARLIEST, EARLIEST), min(latest or LATEST, LATEST)
    if not low <= value <= high:
        if why:
            raise ValidationError(field, _("{date} is outside {low} to {high} ({why})").format(
                date=value.isoformat(), low=low.isoformat(), high=high.isoformat(), why=why))
        raise ValidationError(field, _("{date} is outside {low} to {high}").format(
            date=value.isoformat(), low=low.isoformat(), high=high.isoformat()))
    return value


def around_today(years_back: int, years_ahead: int, what: str) -> dict:
    """``earliest``/``latest``/``why`` for date(): from ``years_back`` before today to ``years_ahead`` after.

    ``what`` is a translated plural noun ("meetings"), already passed through _()."""
    today = dt.date.today()
    return {"earliest": years_from(today, -years_back), "latest": years_from(today, years_ahead),
            "why": _("{what} are within {back} years back and {ahead} years ahead").format(
                what=what, back=years_back, ahead=years_ahead)}


def years_from(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (or earlier when negative); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def money_cents(field: str, value, allow_negative: bool = False, currency: str = "USD",
                locale: str | None = None) -> int:
    """Return minor units from an int (minor units already) or a text typed in the user's language.

    The text is read through Babel (numbers.parse_amount): '12,50' is 12.50 in French, '1,200' is
    1200 in English; a text that reads two ways is refused with both readings. Never a float.
    """
    return numbers.parse_amount(field, value, currency, locale, allow_negative)


def format_cents(cents: int, symbol: str = "$") -> str:
    """Return dollars in the user's language ('$1,234.56', '-$1.00', '1 234,56 $US'); with another
    ``symbol``, '<symbol>1,234.56' whatever the language."""
    if symbol == "$":
        return numbers.format_amount(cents, "USD")
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{symbol}{cents // 100:,}.{cents % 100:02d}"
