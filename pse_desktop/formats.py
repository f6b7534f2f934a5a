"""Dates, numbers and money written the way the current language writes them (through Babel).

Money is stored in minor units (integers): dollars and euros in cents, riel in whole riel.
Dollars show their cents, riel never has decimals, euros are written the French way
("12,50 €") whatever the language, since they are taken at events in France.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import dates, numbers

from .i18n import locale_name


def format_date(day: dt.date, form: str = "medium") -> str:
    """``day`` in the current language ("30 nov. 2026", "៣០ វិច្ឆិកា ២០២៦"...)."""
    return dates.format_date(day, format=form, locale=locale_name())


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


def format_usd(cents: int) -> str:
    """US dollars with their cents ("$1,234.50", "1 234,50 $US")."""
    return numbers.format_currency(Decimal(int(cents)) / 100, "USD", locale=locale_name())


def format_khr(riel: int) -> str:
    """Riel, whole, never with decimals ("KHR 40,000", "40 000 KHR", "40.000៛")."""
    return numbers.format_currency(int(riel), "KHR", locale=locale_name(), currency_digits=False,
                                   format=_no_decimals(locale_name()))


def format_eur(cents: int) -> str:
    """Euros the French way: "1 234,50 €"."""
    return numbers.format_currency(Decimal(int(cents)) / 100, "EUR", locale="fr_FR")


def _no_decimals(locale: str) -> str:
    from babel import Locale

    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return pattern.split(";")[0].replace(".00", "").replace("¤#", "¤\xa0#")


def format_money(minor: int, currency: str) -> str:
    """``minor`` units of ``currency`` ("USD" cents, "KHR" riel, "EUR" cents)."""
    return {"USD": format_usd, "KHR": format_khr, "EUR": format_eur}[currency](minor)
