"""Amounts as people type them in English and French, read through Babel to integer minor units."""

import datetime as dt
from decimal import Decimal

import pytest

from pse_desktop.services.common import numbers, validate
from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.common.numbers import NeedsConfirmation, Plausible


@pytest.mark.parametrize("locale, currency, text, minor", [
    ("fr", "EUR", "12,50", 1250),
    ("fr", "EUR", "12,50 €", 1250),
    ("fr", "EUR", "1 200", 120000),
    ("fr", "EUR", "1\u00a0200,5", 120050),
    ("fr", "EUR", "1\u202f200,50", 120050),
    ("fr", "USD", "245,50", 24550),
    ("en", "USD", "1,200", 120000),
    ("en", "USD", "1 200.50", 120050),
    ("en", "USD", "$24,550.00", 2455000),
    ("en", "USD", "245.5", 24550),
    ("en", "KHR", "12,000", 12000),
    ("fr", "KHR", "41 000 ៛", 41000),
    ("en", "USD", " 7 ", 700),
    ("en", "USD", "245,50", 24550),  # the wage of the issue: never $24,550.00
    ("en", "EUR", "12,5", 1250),
])
def test_amounts_as_typed(locale, currency, text, minor):
    assert numbers.parse_amount("amount", text, currency, locale) == minor


@pytest.mark.parametrize("locale, currency, text, says", [
    ("en", "USD", "1,20,5", "not clear"),
    ("en", "USD", "1.200", "1.20 or 1,200.00"),
    ("fr", "EUR", "1,200", "1,20 or 1 200,00"),
    ("en", "KHR", "12.5", "KHR has no decimals"),
    ("en", "USD", "12.505", "not clear"),
    ("en", "USD", "1.2.3", "must be an amount like 12.50"),
    ("en", "USD", "1e5", "must be an amount like 12.50"),
    ("en", "USD", "NaN", "must be an amount"),
    ("en", "USD", "12 34", "spaces only between thousands"),
    ("en", "USD", "99999999999999999999", "far too large"),
    ("en", "USD", "9" * 500, "too long"),
    ("en", "USD", "12\x0050", "control character"),
    ("en", "USD", "-3", "must not be negative"),
    ("en", "EUR", "$5", "must be in EUR, not USD"),
    ("en", "USD", "", "is required"),
])
def test_refused_with_what_was_understood(locale, currency, text, says):
    with pytest.raises(ValidationError) as e:
        numbers.parse_amount("wage", text, currency, locale)
    assert e.value.field == "wage"
    assert says in e.value.message


@pytest.mark.parametrize("value", [1.5, True, None, [1], {"a": 1}, b"12", Decimal("1.005"),
                                   Decimal("NaN"), 10 ** 30])
def test_other_types_and_sizes_name_the_field(value):
    with pytest.raises(ValidationError) as e:
        numbers.parse_amount("price", value)
    assert e.value.field == "price"


def test_ints_are_minor_units_and_decimals_exact():
    assert numbers.parse_amount("x", 1250) == 1250
    assert numbers.parse_amount("x", Decimal("12.5")) == 1250
    assert numbers.parse_amount("x", "-2.50", allow_negative=True) == -250


@pytest.fixture
def language():
    from pse_desktop import i18n

    yield i18n.set_language
    i18n.set_language("en")


def test_amounts_follow_the_users_language(language):
    """One source of truth: the language of the window (i18n) reads and shows the amounts."""
    language("fr")
    assert numbers.current_locale() == "fr_FR"
    assert validate.money_cents("amount", "12,50") == 1250
    assert validate.money_cents("amount", "1 200,50") == 120050
    assert numbers.format_amount(120050) == "1\xa0200,50\xa0$US"
    assert numbers.plain_amount(120050) == "1 200,50"
    assert validate.format_cents(120050) == "1\xa0200,50\xa0$US"
    with pytest.raises(ValidationError, match="1,20 ou 1 200,00") as e:
        validate.money_cents("monthly wage", "1,200")
    assert e.value.field == "monthly wage"
    language("en")
    assert numbers.current_locale() == "en_US"
    assert validate.money_cents("amount", "1,200") == 120000
    assert numbers.plain_amount(120050) == "1,200.50"
    assert validate.format_cents(120050) == "$1,200.50"
    language("km")
    assert validate.money_cents("amount", "1,200.50") == 120050
    assert numbers.format_amount(120050) == "1,200.50$"
    assert numbers.format_amount(41000, "KHR") == "41,000៛"


@pytest.mark.parametrize("lang", ["en", "fr", "km"])
@pytest.mark.parametrize("text, minor", [("១២", 1200), ("១ ២០០", 120000), ("៤១ ០០០ ៛", None),
                                         ("១២.៥០", 1250), ("12.៥", 1250)])
def test_khmer_digits_are_read_in_every_language(language, lang, text, minor):
    language(lang)
    if minor is None:
        assert numbers.parse_amount("riel", text, "KHR") == 41000
    else:
        assert numbers.parse_amount("amount", text) == minor


@pytest.mark.parametrize("lang, text, minor", [
    ("en", "12,50", 1250),      # a comma before two digits cannot group thousands: $12.50
    ("en", "1 200,50", 120050),
    ("fr", "12.50", 1250),      # the dot of a numeric keypad
    ("fr", "1 200.50", 120050),
    ("km", "12,50", 1250),
])
def test_the_other_decimal_sign_is_read_when_it_cannot_group_thousands(language, lang, text, minor):
    language(lang)
    assert numbers.parse_amount("amount", text) == minor


def test_format_riel_without_decimals_and_by_language():
    assert numbers.format_amount(41000, "KHR", "en") == "KHR\xa041,000"
    assert numbers.format_amount(2455000, "USD", "en") == "$24,550.00"
    assert numbers.format_amount(1250, "EUR", "fr") == "12,50\u00a0€"
    assert numbers.plain_amount(120050, "USD", "fr") == "1 200,50"
    # what a field shows is what it reads back
    for loc in ("en", "fr"):
        assert numbers.parse_amount("x", numbers.plain_amount(123456789, "USD", loc), "USD", loc) == 123456789


def test_quantities_read_like_amounts():
    assert numbers.parse_quantity("hours", "7,5", 2, "fr") == Decimal("7.5")
    assert numbers.parse_quantity("hours", "7.5", 2, "en") == Decimal("7.5")
    assert numbers.parse_quantity("hours", "7,5", 2, "en") == Decimal("7.5")
    assert numbers.parse_quantity("metres", "1,200", 3, "en") == Decimal("1200")


def test_plausible_range_asks_then_refuses_above_the_hard_limit():
    wage = Plausible(10_000, 100_000, 10_000_000, " a month")
    assert numbers.check_plausible("rate", 25_000, "USD", wage, locale="en") == 25_000
    with pytest.raises(NeedsConfirmation) as e:
        numbers.check_plausible("rate", 245_50 * 100, "USD", wage, locale="en")
    assert e.value.message.startswith("$24,550.00 a month — is that right?")
    assert numbers.check_plausible("rate", 2_455_000 // 10, "USD", wage, confirm=True) == 245_500
    with pytest.raises(ValidationError) as e:
        numbers.check_plausible("rate", 99_999_999_999_999_00, "USD", wage, confirm=True, locale="en")
    assert not isinstance(e.value, NeedsConfirmation) and "more than the limit" in e.value.message


def test_services_ask_before_an_unusual_wage_advance_or_price(make_user, admin):
    from pse_desktop.db.payroll import Advance, Contract
    from pse_desktop.services.payroll import extras, workers
    from pse_desktop.services.shop import catalog

    manager = make_user("srey", "workshop_manager")
    w = workers.save_worker(manager, None, dict(code="E001", kind="employee", job="seamstress",
                                                name_latin="Sokha", hire_date=dt.date(2024, 1, 1)))
    with pytest.raises(NeedsConfirmation) as e:
        workers.add_contract(manager, w.id, dt.date(2024, 1, 1), "monthly", "24,550.00")
    assert e.value.field == "rate" and "$24,550.00 a month" in e.value.message
    with pytest.raises(ValidationError, match="more than the limit"):
        workers.add_contract(manager, w.id, dt.date(2024, 1, 1), "monthly", "9,999,999", confirm=True)
    with pytest.raises(ValidationError, match="far too large"):  # the wage of the issue
        workers.add_contract(manager, w.id, dt.date(2024, 1, 1), "monthly", "99,999,999,999,999",
                             confirm=True)
    assert Contract.select().count() == 0
    workers.add_contract(manager, w.id, dt.date(2024, 1, 1), "monthly", "1,500", confirm=True)
    assert Contract.get().rate_cents == 150_000
    with pytest.raises(NeedsConfirmation, match=r"\$1,000.00"):
        extras.give_advance(manager, w.id, dt.date(2024, 2, 1), "1000")
    with pytest.raises(ValidationError, match="more than the limit"):
        extras.give_advance(manager, w.id, dt.date(2024, 2, 1), "100,000", confirm=True)
    assert Advance.select().count() == 0
    extras.give_advance(manager, w.id, dt.date(2024, 2, 1), "1000", confirm=True)
    p = catalog.save_product(admin, None, "BAG", "Tote bag", "Bags", "handicraft")
    with pytest.raises(NeedsConfirmation):
        catalog.save_variant(admin, None, p.id, "BAG-1", "1,250.00")
    assert catalog.save_variant(admin, None, p.id, "BAG-1", "1,250.00", confirm=True).price_usd_cents == 125_000


# ------------------------------------------------------------------ properties
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import HOSTILE  # noqa: E402


@given(value=HOSTILE, currency=st.sampled_from(["USD", "EUR", "KHR"]), locale=st.sampled_from(["en", "fr", "km"]))
def test_any_input_gives_minor_units_or_the_fields_error(value, currency, locale):
    try:
        minor = numbers.parse_amount("price", value, currency, locale)
    except ValidationError as e:
        assert e.field == "price" and e.message
        return
    assert type(minor) is int and 0 <= minor < numbers.MAX_MINOR


@given(minor=st.integers(min_value=0, max_value=10 ** 13 - 1), currency=st.sampled_from(["USD", "EUR", "KHR"]),
       locale=st.sampled_from(["en", "fr", "km"]))
def test_what_is_shown_reads_back_the_same(minor, currency, locale):
    shown = numbers.plain_amount(minor, currency, locale)
    assert numbers.parse_amount("x", shown, currency, locale) == minor
    assert numbers.format_amount(minor, currency, locale)


@given(value=HOSTILE, confirm=st.booleans())
def test_plausible_check_never_fails_otherwise(value, confirm):
    limits = Plausible(100, 10_000, 1_000_000)
    try:
        minor = numbers.parse_amount("rate", value)
        assert numbers.check_plausible("rate", minor, "USD", limits, confirm) == minor
    except ValidationError as e:
        assert e.field == "rate"
