"""Dates, numbers and money written the way the current language writes them (through Babel).

Money is stored in minor units (integers): dollars and euros in cents, riel in whole riel.
Dollars show their cents, riel never has decimals. ``format_amount`` follows the language;
``format_eur`` writes euros the French way ("12,50 €") whatever the language, for the reports of
the events in France. Reading amounts back is services/common/numbers.py, in the same language
(both ask i18n.locale_name(), set by ``i18n.set_language`` at login and on a change of language).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import dates, numbers

from .i18n import locale_name


def format_date(day: dt.date, form: str = "medium") -> str:
    """``day`` in the current language ("30 nov. 2026", "៣០ វិច្ឆិកា ២០២៦"...)."""
    return dates.format_date(day, format=form, locale=locale_name())


def format_day_month(day: dt.date) -> str:
    """The day and month of ``day``, no year, ordered as the language does ("Nov 30", "30 nov.",
    "30 វិច្ឆិកា")."""
    return dates.format_skeleton("MMMd", day, locale=locale_name())


def format_weekday_date(day: dt.date) -> str:
    """``day`` with its weekday ("Mon, Nov 30, 2026", "lun. 30 nov. 2026", "ចន្ទ 30 វិច្ឆិកា 2026")."""
    return dates.format_skeleton("yMMMEd", day, locale=locale_name())


def format_month(day: dt.date) -> str:
    """The month and year of ``day`` ("November 2026", "novembre 2026", "វិច្ឆិកា 2026")."""
    return dates.format_date(day, "LLLL y", locale=locale_name())


def format_weekday(day: dt.date) -> str:
    """The short name of the day of the week ("Mon", "lun.", "ច័ន្ទ")."""
    return dates.format_date(day, "EEE", locale=locale_name())


def format_number(value, decimals: int | None = None) -> str:
    """A number with the current language's grouping and decimal signs."""
    if decimals is None:
        return numbers.format_decimal(value, locale=locale_name())
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return numbers.format_decimal(value, format=pattern, locale=locale_name())


#: Decimals per currency (Babel's data gives riel two; in Cambodia nobody pays fractions of a riel).
DECIMALS = {"USD": 2, "EUR": 2, "KHR": 0}


def format_amount(minor: int, currency: str = "USD", locale: str | None = None) -> str:
    """``minor`` units of ``currency`` in the current language ('$24,550.00', '24 550,00 $US',
    '24,550.00$'); riel never with decimals ('KHR 41,000'). The one money formatter of the app."""
    locale = locale or locale_name()
    digits = DECIMALS.get(currency, 2)
    value = Decimal(int(minor)).scaleb(-digits)
    if digits == 0:
        text = numbers.format_currency(value, currency, format=_no_decimals(locale), locale=locale,
                                       currency_digits=False)
    else:
        text = numbers.format_currency(value, currency, locale=locale)
    # French groups thousands with a narrow no-break space, which the PDFs' Latin font (Helvetica,
    # WinAnsi) draws as a black box: the no-break space keeps the number whole and prints.
    return text.replace("\u202f", "\u00a0")


def plain_amount(minor: int, currency: str = "USD", locale: str | None = None) -> str:
    """The amount as the user types it back in their language ('1,200.50', '1 200,50'): what an
    amount field shows, in Latin digits (Babel's Khmer writes numbers in Latin digits too)."""
    return plain_number(Decimal(int(minor)).scaleb(-DECIMALS.get(currency, 2)),
                        DECIMALS.get(currency, 2), locale)


def plain_number(value, decimals: int = 0, locale: str | None = None) -> str:
    """A number as the user types it ('1,200.5', '1 200,5'): ordinary spaces between thousands."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = numbers.format_decimal(value, format=pattern, locale=locale or locale_name())
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def format_usd(cents: int) -> str:
    """US dollars with their cents ("$1,234.50", "1 234,50 $US")."""
    return format_amount(cents, "USD")


def format_khr(riel: int) -> str:
    """Riel, whole, never with decimals ("KHR 40,000", "40 000 KHR", "40,000៛")."""
    return format_amount(riel, "KHR")


def format_eur(cents: int) -> str:
    """Euros the French way: "1 234,50 €"."""
    return format_amount(cents, "EUR", "fr_FR")


def _no_decimals(locale: str) -> str:
    from babel import Locale

    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return pattern.split(";")[0].replace(".00", "").replace("¤#", "¤\xa0#")


def format_money(minor: int, currency: str = "USD") -> str:
    """``minor`` units of ``currency`` ("USD" cents, "KHR" riel, "EUR" cents)."""
    return {"USD": format_usd, "KHR": format_khr, "EUR": format_eur}[currency](minor)
