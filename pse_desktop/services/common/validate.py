"""Small checks shared by services; each returns the clean value or raises ValidationError."""

from __future__ import annotations

import datetime as dt
import re

from . import numbers
from .errors import ValidationError

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def text(field: str, value, max_len: int, required: bool = True) -> str:
    """Return the stripped text, or raise when empty (if required), too long or not text."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
    value = value.strip()
    if required and not value:
        raise ValidationError(field, "is required")
    if len(value) > max_len:
        raise ValidationError(field, f"is too long ({len(value)} characters, {max_len} at most)")
    return value


def code(field: str, value, max_len: int = 10) -> str:
    """Return an upper-case code of letters, digits, '-' and '_'."""
    value = text(field, value, max_len)
    if not CODE_RE.match(value):
        raise ValidationError(field, "may only hold letters, digits, '-' and '_'")
    return value.upper()


def choice(field: str, value, choices) -> str:
    if value not in choices:
        raise ValidationError(field, f"must be one of: {', '.join(choices)}")
    return value


def integer(field: str, value, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return an int from an int or a text of digits, within bounds."""
    if isinstance(value, bool):
        raise ValidationError(field, "must be a whole number")
    if isinstance(value, str):
        raw = value.strip().replace(",", "").replace(" ", "")
        if not re.fullmatch(r"[-+]?\d+", raw):
            raise ValidationError(field, f"must be a whole number, not {value!r}")
        value = int(raw)
    if not isinstance(value, int):
        raise ValidationError(field, "must be a whole number")
    if minimum is not None and value < minimum:
        raise ValidationError(field, f"must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise ValidationError(field, f"must be at most {maximum}")
    return value


def date(field: str, value, required: bool = True) -> dt.date | None:
    """Return a date from a date or an ISO text (YYYY-MM-DD)."""
    if value in (None, ""):
        if required:
            raise ValidationError(field, "is required")
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(field, f"must be a date like 2026-01-31, not {value!r}") from None
    raise ValidationError(field, "must be a date")


def money_cents(field: str, value, allow_negative: bool = False, currency: str = "USD",
                locale: str | None = None) -> int:
    """Return minor units from an int (minor units already) or a text typed in the user's language.

    The text is read through Babel (numbers.parse_amount): '12,50' is 12.50 in French, '1,200' is
    1200 in English; a text that reads two ways is refused with both readings. Never a float.
    """
    return numbers.parse_amount(field, value, currency, locale, allow_negative)


def format_cents(cents: int, symbol: str = "$") -> str:
    """Return '$1,234.56' (or '-$1.00') for cents."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{symbol}{cents // 100:,}.{cents % 100:02d}"
