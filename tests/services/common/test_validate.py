"""Shared checks return the clean value or raise ValidationError naming the field."""

import datetime as dt

import pytest

from pse_desktop.services.common import validate
from pse_desktop.services.common.errors import ValidationError


def field_of(call):
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.field


def test_text_strips_and_checks_length_and_presence():
    assert validate.text("name", "  Sok  ", 10) == "Sok"
    assert validate.text("name", None, 10, required=False) == ""
    assert field_of(lambda: validate.text("name", "  ", 10)) == "name"
    assert field_of(lambda: validate.text("name", "x" * 11, 10)) == "name"
    assert field_of(lambda: validate.text("name", 12, 10)) == "name"


def test_code_is_upper_case_letters_digits_dash_underscore():
    assert validate.code("code", " stm-1_a ") == "STM-1_A"
    assert field_of(lambda: validate.code("code", "-STM")) == "code"
    assert field_of(lambda: validate.code("code", "ST M")) == "code"
    assert field_of(lambda: validate.code("code", "A" * 11)) == "code"


def test_choice_and_integer_bounds():
    assert validate.choice("sex", "F", ("F", "M")) == "F"
    assert field_of(lambda: validate.choice("sex", "X", ("F", "M"))) == "sex"
    assert validate.integer("n", " 4,100 ") == 4100
    assert validate.integer("n", "-3") == -3
    for bad in ("4.5", "abc", True, 1.0):
        assert field_of(lambda b=bad: validate.integer("n", b)) == "n"
    assert field_of(lambda: validate.integer("n", 0, minimum=1)) == "n"
    assert field_of(lambda: validate.integer("n", 11, maximum=10)) == "n"


def test_date_from_iso_text_date_or_datetime():
    assert validate.date("day", "2026-01-31") == dt.date(2026, 1, 31)
    assert validate.date("day", dt.datetime(2026, 1, 31, 9, 30)) == dt.date(2026, 1, 31)
    assert validate.date("day", "", required=False) is None
    assert field_of(lambda: validate.date("day", "")) == "day"
    assert field_of(lambda: validate.date("day", "31/01/2026")) == "day"
    assert field_of(lambda: validate.date("day", 20260131)) == "day"


def test_money_in_cents_never_from_a_float():
    assert validate.money_cents("price", "12.5") == 1250
    assert validate.money_cents("price", "$1,200.05") == 120005
    assert validate.money_cents("price", ".5") == 50
    assert validate.money_cents("price", 999) == 999
    assert validate.money_cents("price", "-3.10", allow_negative=True) == -310
    for bad in (12.5, "1.234", ".", "abc", "-1"):
        assert field_of(lambda b=bad: validate.money_cents("price", b)) == "price"


def test_format_cents():
    assert validate.format_cents(123456) == "$1,234.56"
    assert validate.format_cents(-100) == "-$1.00"
    assert validate.format_cents(5, "€") == "€0.05"
