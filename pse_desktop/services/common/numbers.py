"""Amounts as people type them, read through Babel in the user's language, to integer minor units.

"12,50" is twelve euros fifty in French; "1,200" is one thousand two hundred dollars in English;
"1 200" (space, no-break space or narrow no-break space between thousands) is read in both. Riel
have no decimals. A text that reads two ways for the field ("1.200" dollars: $1.20 or $1,200.00?)
is refused with both readings, so the user types it again; nothing is guessed. Every failure is a
ValidationError naming the field, whatever the input (any length, any character, any type).

The language is the user's (pse_desktop.i18n: ``set_language`` at login and when the user changes
it), the same one the window speaks and pse_desktop.formats writes amounts in: what a field shows
reads back the same. The sign that cannot be the language's thousands separator is read as the
decimal sign: "245,50" in English is $245.50 (a comma followed by two digits never groups
thousands), "12.50" in French is 12,50; the amount fields show "Read as $245.50" as the user types.
Khmer (Babel's "km", written like English: "1,200.50") accepts Khmer digits ០-៩ as well as Latin
ones; amounts are shown in Latin digits, as Babel's Khmer and Cambodian price tags write them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel import Locale
from babel.numbers import NumberFormatError, parse_decimal

from .errors import ValidationError
from ...formats import DECIMALS, format_amount, plain_amount, plain_number
from ...i18n import _, locale_name

__all__ = ["DECIMALS", "format_amount", "plain_amount", "parse_amount", "parse_quantity",
           "parse_decimal_text", "parse_whole", "check_plausible", "Unclear", "Plausible", "NeedsConfirmation", "understood"]

SYMBOLS = {"USD": ("US$", "$US", "$", "USD"), "EUR": ("€", "EUR"), "KHR": ("៛", "KHR", "riels", "riel")}
MAX_TEXT = 40  # characters of an amount field; longer is never an amount
MAX_INT_DIGITS = 13  # digits before the decimal point: ten thousand billion, far above any real amount
MAX_MINOR = 10 ** 15  # an int given directly (minor units) must be below this
SPACES = "\u0020\u00a0\u202f\u2009\u2007"

KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")


class Unclear(ValidationError):
    """The text reads two ways (or more): ``readings`` are what it may mean, as the user would type them."""

    def __init__(self, field: str, message: str, readings: list[str]):
        super().__init__(field, message)
        self.readings = readings


def current_locale() -> str:
    """The Babel locale amounts are read and shown in: the user's language (i18n.set_language at
    login and on a change of language; PSE_LANG before anyone logs in), the same as the window's."""
    return locale_name()


def _symbols(locale: str) -> tuple[str, str]:
    loc = Locale.parse(locale)
    return loc.number_symbols["latn"]["decimal"], loc.number_symbols["latn"]["group"]


def _plain(minor: int, digits: int, locale: str) -> str:
    """The number as the user should type it, e.g. '1,200.00' or '1 200,00'."""
    return plain_number(Decimal(int(minor)).scaleb(-digits), digits, locale)


def _clean_text(field: str, value) -> str:
    if not isinstance(value, str):
        raise ValidationError(field, _("must be an amount like 12.50"))
    if len(value) > MAX_TEXT:
        raise ValidationError(field, _("is too long for an amount ({n} characters)").format(n=len(value)))
    value = unicodedata.normalize("NFKC", value.replace("\u202f", " ").replace("\u00a0", " "))
    value = value.translate(KHMER_DIGITS)  # a Khmer keyboard's number row types ០-៩
    if any(unicodedata.category(c)[0] == "C" for c in value):
        raise ValidationError(field, _("holds a control character; type the amount again"))
    return value.strip()


def _strip_currency(field: str, text: str, currency: str) -> str:
    for other, signs in SYMBOLS.items():
        for sign in signs:
            if sign.lower() in text.lower():
                if other != currency:
                    raise ValidationError(field, _("must be in {currency}, not {other}").format(currency=currency, other=other))
                text = re.sub(re.escape(sign), "", text, flags=re.IGNORECASE)
    return text.strip()


def parse_decimal_text(field: str, value, locale: str | None = None, decimals: int = 2,
                       currency: str | None = None) -> Decimal:
    """Return the exact Decimal typed in ``value`` (a text in the user's language).

    Raises ValidationError naming ``field`` when the text is not a number, is too large, has more
    than ``decimals`` decimals, or reads two ways (the message gives both readings).
    """
    locale = locale or current_locale()
    text = _clean_text(field, value)
    if currency:
        text = _strip_currency(field, text, currency)
    if not text:
        raise ValidationError(field, _("is required"))
    if not re.fullmatch(r"[-+]?\s*[0-9][0-9., ']*|[-+]?\s*[.,][0-9]+", text):
        raise ValidationError(field, _("must be an amount like {example}, not {value!r}").format(example=_example(decimals, locale), value=value))
    sign = ""
    if text[0] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:].strip()
    decimal_sign, group_sign = _symbols(locale)
    if " " in text or "'" in text:
        # Spaces (or an apostrophe, as in Switzerland) can only separate thousands.
        if not re.fullmatch(r"\d{1,3}([ ']\d{3})+([.,]\d*)?", text):
            raise ValidationError(field, _("{value!r} is not an amount: put spaces only between thousands").format(value=value))
        text = re.sub(r"[ ']", "", text)
    if decimal_sign == "." and re.fullmatch(r"\d+,(\d{1,2}|\d{4,})", text):
        # '245,50' or '0,75': a comma not followed by three digits cannot separate thousands, so
        # it is the decimal comma of someone used to French habits: read as 245.50, and the
        # field shows "Read as $245.50" while they type
        text = text.replace(",", ".")
    elif decimal_sign == "," and re.fullmatch(r"\d+\.(\d{1,2}|\d{4,})", text):
        # the same the other way: '12.50' typed in French (a numeric keypad types a dot)
        text = text.replace(".", ",")
    whole = re.split(r"[.]", text)[0] if decimal_sign == "." else re.split(r"[,]", text)[0]
    digits_before = len(re.sub(r"\D", "", whole))
    if digits_before > MAX_INT_DIGITS or len(re.sub(r"\D", "", text)) > MAX_INT_DIGITS + 4:
        raise ValidationError(field, _("{value!r} is far too large for an amount").format(value=value))
    try:
        number = parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError as e:
        raise _ambiguous(field, value, e.suggestions or [], decimals, locale) from None
    except (InvalidOperation, ValueError, OverflowError):
        raise ValidationError(field, _("must be an amount like {example}, not {value!r}").format(example=_example(decimals, locale), value=value)) from None
    if not number.is_finite():
        raise ValidationError(field, _("must be an amount like {example}").format(example=_example(decimals, locale)))
    places = -number.as_tuple().exponent if number.as_tuple().exponent < 0 else 0
    if places > decimals:
        raise _too_many_decimals(field, value, text, number, decimals, locale, currency)
    return -number if sign == "-" else number


def _example(decimals: int, locale: str) -> str:
    return _plain(1250 if decimals else 12, decimals, locale)


def _ambiguous(field: str, value: str, suggestions: list[str], decimals: int, locale: str) -> ValidationError:
    readings = []
    for s in suggestions:
        try:
            d = parse_decimal(s, locale="en")
        except (NumberFormatError, InvalidOperation, ValueError):
            continue
        if -min(d.as_tuple().exponent, 0) <= decimals:
            readings.append(_plain(int(d.scaleb(decimals)), decimals, locale))
    if readings:
        return Unclear(field, _("{value!r} is not clear: did you mean {readings}? Type it again").format(
            value=value, readings=" {} ".format(_("or")).join(readings)), readings)
    return ValidationError(field, _("must be an amount like {example}, not {value!r}").format(
        example=_example(decimals, locale), value=value))


def _too_many_decimals(field, value, text, number, decimals, locale, currency) -> ValidationError:
    # "1.200" in English or "1,200" in French: the sign may have been meant for thousands.
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text) or re.fullmatch(r"\d{1,3}(,\d{3})+", text):
        whole = int(re.sub(r"\D", "", text))
        small = number.quantize(Decimal(1).scaleb(-decimals)) if decimals else None
        first = (_plain(int(small.scaleb(decimals)), decimals, locale)
                 if small is not None and small == number else None)
        second = _plain(whole * 10 ** decimals, decimals, locale)
        if first:
            return Unclear(field, _("{value!r} is not clear: {first} or {second}? Type it again").format(
                value=value, first=first, second=second), [first, second])
        return Unclear(field, _("{value!r} is not clear: did you mean {readings}? Type it again").format(
            value=value, readings=second), [second])
    if decimals == 0:
        return ValidationError(field, _("{currency} has no decimals: type a whole number, not {value!r}").format(
            currency=currency, value=value) if currency else
            _("this amount has no decimals: type a whole number, not {value!r}").format(value=value))
    return ValidationError(field, _("has too many decimals ({n} at most): {value!r}").format(n=decimals, value=value))


def parse_amount(field: str, value, currency: str = "USD", locale: str | None = None,
                 allow_negative: bool = False) -> int:
    """Return the amount in minor units (cents, whole riel) from a text in the user's language.

    An int is taken as minor units already (services call each other with ints); floats and
    bools are refused, so no binary fraction ever becomes money.
    """
    if currency not in DECIMALS:
        raise ValidationError(field, _("unknown currency {currency!r}").format(currency=currency))
    digits = DECIMALS[currency]
    if isinstance(value, bool) or isinstance(value, float):
        raise ValidationError(field, _("must be an amount like {example}").format(example=_example(digits, locale or current_locale())))
    if isinstance(value, Decimal):
        if not value.is_finite() or -min(value.as_tuple().exponent, 0) > digits:
            raise ValidationError(field, _("has too many decimals ({n} at most)").format(n=digits))
        value = int(value.scaleb(digits))
    if isinstance(value, int):
        minor = value
        if abs(minor) >= MAX_MINOR:
            raise ValidationError(field, _("is far too large for an amount"))
    else:
        number = parse_decimal_text(field, value, locale, digits, currency)
        minor = int(number.scaleb(digits))
    if minor < 0 and not allow_negative:
        raise ValidationError(field, _("must not be negative"))
    return minor


def parse_whole(field: str, value, locale: str | None = None) -> int:
    """A whole number typed in the user's language ('1,200', '1 200', '១២') -> int.

    '1,5' is refused ('a whole number'), '1,200' in French asks 1 200?; never a float, never int()
    on the raw text; every failure names ``field``."""
    locale = locale or current_locale()
    try:
        return int(parse_decimal_text(field, value, locale, 0))
    except ValidationError as exc:
        vague = (_("must be an amount like {example}, not {value!r}").format(example=_example(0, locale), value=value),
                 _("this amount has no decimals: type a whole number, not {value!r}").format(value=value))
        if exc.message in vague:
            raise ValidationError(field, _("must be a whole number, not {value!r}").format(value=value)) from None
        raise


class NeedsConfirmation(ValidationError):
    """The value is possible but unusual: the user confirms it (service called with confirm=True)."""


@dataclass(frozen=True)
class Plausible:
    """The usual range of an amount field (minor units) and a hard limit nobody may pass."""

    low: int
    high: int
    hard: int
    per: str = ""  # "a month", "a day"... (marked with N_, shown after the amount)


def check_plausible(field: str, minor: int, currency: str, limits: Plausible, confirm: bool = False,
                    locale: str | None = None) -> int:
    """Return ``minor`` when within the usual range, or when ``confirm`` and below the hard limit.

    Raises NeedsConfirmation ("$24,550.00 a month — is that right?") when unusual and not confirmed,
    and ValidationError above the hard limit.
    """
    shown = format_amount(minor, currency, locale)
    if minor > limits.hard:
        raise ValidationError(field, _("{amount} is more than the limit of {limit}").format(
            amount=_per(shown, limits.per), limit=format_amount(limits.hard, currency, locale)))
    if (minor < limits.low or minor > limits.high) and not confirm:
        raise NeedsConfirmation(field, _("{amount} — is that right? (usually {low} to {high})").format(
            amount=_per(shown, limits.per), low=format_amount(limits.low, currency, locale),
            high=format_amount(limits.high, currency, locale)))
    return minor


def _per(shown: str, per: str) -> str:
    """'$1,000.00 a month': the amount and its period, translated."""
    return f"{shown} {_(per.strip())}" if per.strip() else shown


def understood(field: str, value, currency: str = "USD", locale: str | None = None) -> str:
    """What an amount field's text is read as ('$1,200.00'), or the reason it is not; for the views."""
    try:
        return format_amount(parse_amount(field, value, currency, locale, allow_negative=True), currency, locale)
    except ValidationError as e:
        return e.message


def parse_quantity(field: str, value, decimals: int = 2, locale: str | None = None,
                   maximum: Decimal | None = None) -> Decimal:
    """A decimal quantity (hours, metres) read the same way as amounts: '7,5' in French, '7.5' in English."""
    if isinstance(value, bool) or isinstance(value, float):
        raise ValidationError(field, _("must be a number like 7.5"))
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
        if not number.is_finite() or abs(number) >= Decimal(10) ** MAX_INT_DIGITS:
            raise ValidationError(field, _("is far too large"))
    else:
        number = parse_decimal_text(field, value, locale, decimals)
    if maximum is not None and number > maximum:
        raise ValidationError(field, _("must be at most {maximum}").format(maximum=maximum))
    return number
