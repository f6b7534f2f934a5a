"""Dates, numbers and money in the current language (Babel)."""

import datetime as dt

import pytest

from pse_desktop import formats, i18n

DAY = dt.date(2026, 11, 30)


@pytest.fixture
def lang():
    yield i18n.set_language
    i18n.set_language("en")


def test_english(lang):
    lang("en")
    assert formats.format_date(DAY) == "Nov 30, 2026"
    assert formats.format_month(DAY) == "November 2026"
    assert formats.format_usd(123450) == "$1,234.50"
    assert formats.format_khr(4100000) == "KHR\xa04,100,000"
    assert formats.format_number(1234567.5) == "1,234,567.5"


def test_french(lang):
    lang("fr")
    assert formats.format_month(DAY) == "novembre 2026"
    assert formats.format_weekday(DAY) == "lun."
    assert formats.format_usd(123450) == "1\xa0234,50\xa0$US"
    assert formats.format_khr(4100000) == "4\xa0100\xa0000\xa0KHR"


def test_khmer_month_names_and_riel_without_decimals(lang):
    lang("km")
    assert formats.format_month(DAY) == "វិច្ឆិកា 2026"
    assert formats.format_date(dt.date(2026, 4, 14), "long") == "14 មេសា 2026"
    assert formats.format_khr(4100) == "4,100៛"
    assert "." not in formats.format_khr(4100)
    assert formats.format_usd(5) == "0.05$"


@pytest.mark.parametrize("code", ["en", "fr", "km"])
def test_euros_are_written_the_french_way(lang, code):
    lang(code)
    assert formats.format_eur(123450) == "1\xa0234,50\xa0€"
    assert formats.format_money(250, "EUR") == "2,50\xa0€"


@pytest.mark.parametrize("code", ["en", "fr"])
def test_dollars_and_euros_print_in_the_pdfs_latin_font(lang, code):
    """Helvetica (WinAnsi) has no narrow no-break space: an amount in a PDF would show a box."""
    lang(code)
    for text in (formats.format_usd(123456789), formats.format_eur(123456789), formats.format_khr(4100000),
                 formats.plain_amount(123456789)):
        text.encode("cp1252")


@pytest.mark.parametrize("code, day_month, with_weekday", [
    ("en", "Nov 30", "Mon, Nov 30, 2026"),
    ("fr", "30 nov.", "lun. 30 nov. 2026"),
    ("km", "30 វិច្ឆិកា", "ចន្ទ 30 វិច្ឆិកា 2026"),
])
def test_short_dates_name_the_month_in_the_language(lang, code, day_month, with_weekday):
    lang(code)
    assert formats.format_day_month(DAY) == day_month
    assert formats.format_weekday_date(DAY) == with_weekday
