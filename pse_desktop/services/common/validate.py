"""Small checks shared by services; each returns the clean value or raises ValidationError."""

from __future__ import annotations

import datetime as dt
import re

from .errors import ValidationError
from ...i18n import _

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def text(field: str, value, max_len: int, required: bool = True) -> str:
    """Return the stripped text, or raise when empty (if required), too long or not text."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, _("must be text"))
    value = value.strip()
    if required and not value:
        raise ValidationError(field, _("is required"))
    if len(value) > max_len:
        raise ValidationError(field, _("is too long ({n} characters, {max_len} at most)").format(n=len(value), max_len=max_len))
    return value


def code(field: str, value, max_len: int = 10) -> str:
    """Return an upper-case code of letters, digits, '-' and '_'."""
    value = text(field, value, max_len)
    if not CODE_RE.match(value):
        raise ValidationError(field, _("may only hold letters, digits, '-' and '_'"))
    return value.upper()


def choice(field: str, value, choices) -> str:
    if value not in choices:
        raise ValidationError(field, _("must be one of: {join}").format(join=', '.join(choices)))
    return value


def integer(field: str, value, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return an int from an int or a text of digits, within bounds."""
    if isinstance(value, bool):
        raise ValidationError(field, _("must be a whole number"))
    if isinstance(value, str):
        raw = value.strip().replace(",", "").replace(" ", "")
        if not re.fullmatch(r"[-+]?\d+", raw):
            raise ValidationError(field, _("must be a whole number, not {value!r}").format(value=value))
        value = int(raw)
    if not isinstance(value, int):
        raise ValidationError(field, _("must be a whole number"))
    if minimum is not None and value < minimum:
        raise ValidationError(field, _("must be at least {minimum}").format(minimum=minimum))
    if maximum is not None and value > maximum:
        raise ValidationError(field, _("must be at most {maximum}").format(maximum=maximum))
    return value


def date(field: str, value, required: bool = True) -> dt.date | None:
    """Return a date from a date or an ISO text (YYYY-MM-DD)."""
    if value in (None, ""):
        if required:
            raise ValidationError(field, _("is required"))
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(field, _("must be a date like 2026-01-31, not {value!r}").format(value=value)) from None
    raise ValidationError(field, _("must be a date"))


def money_cents(field: str, value, allow_negative: bool = False) -> int:
    """Return cents from an int (cents) or a text like '12.50' or '1,200'; never a float."""
    if isinstance(value, bool) or isinstance(value, float):
        raise ValidationError(field, _("must be an amount like 12.50"))
    if isinstance(value, int):
        cents = value
    else:
        raw = text(field, value, 20).replace(",", "").replace("$", "").replace(" ", "")
        m = re.fullmatch(r"([-+]?)(\d*)(?:\.(\d{0,2}))?", raw)
        if not m or (not m.group(2) and not m.group(3)):
            raise ValidationError(field, _("must be an amount like 12.50, not {value!r}").format(value=value))
        cents = int(m.group(2) or 0) * 100 + int((m.group(3) or "").ljust(2, "0") or 0)
        if m.group(1) == "-":
            cents = -cents
    if cents < 0 and not allow_negative:
        raise ValidationError(field, _("must not be negative"))
    return cents


def format_cents(cents: int, symbol: str = "$") -> str:
    """Return '$1,234.56' (or '-$1.00') for cents."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{symbol}{cents // 100:,}.{cents % 100:02d}"
