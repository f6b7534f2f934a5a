"""Shared checks return the clean value or raise ValidationError naming the field."""

import datetime as dt

import pytest

from pse_desktop.services.common import validate
from pse_desktop.services.common.errors import ValidationError
import unicodedata
from hypothesis import given, strategies as st
from tests.fixtures.inputs import HOSTILE


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


def refused(fn, *args, **kw) -> ValidationError:
    with pytest.raises(ValidationError) as e:
        fn(*args, **kw)
    return e.value


def test_text_is_trimmed_and_nfc():
    decomposed = "Se\u0301verine"
    assert validate.text("name", f"  {decomposed}\u200b ", 80) == unicodedata.normalize("NFC", decomposed)
    # Khmer typed in two orders of code points compares equal once normalised
    assert validate.text("x", "\u1780\u17c1\u17b8", 10) == unicodedata.normalize("NFC", "\u1780\u17c1\u17b8")


@pytest.mark.parametrize("value, says", [
    ("a\x00b", "control or invalid character (U+0000)"),
    ("a\x1bb", "U+001B"),
    ("line\nbreak", "must be on one line"),
    ("\ud800", "U+D800"),
    ("x" * 81, "is too long (81 characters, 80 at most)"),
    ("x" * 10_000, "80 at most"),
    (12, "must be text"),
    (b"bytes", "must be text"),
    ("\u200b", "is required"),
    ("\u200b\u200c", "is required"),
])
def test_text_refusals_name_the_field(value, says):
    e = refused(validate.text, "name", value, 80)
    assert e.field == "name" and says in e.message


def test_multiline_fields_keep_their_lines_only():
    assert validate.text("notes", "one\r\ntwo  \nthree", 2000) == "one\ntwo\nthree"
    assert "U+0000" in refused(validate.text, "notes", "one\n\x00", 2000).message


def test_names_need_a_letter():
    assert validate.name("name", " ស្រី ") == "ស្រី"
    assert "at least one letter" in refused(validate.name, "name", "--- 123").message
    assert "no visible character" in refused(validate.text, "name", "\u2003\u200b\u2003", 80).message


def test_script_warnings_do_not_refuse():
    assert validate.script_warning("Khmer name", "Sok", "khmer").startswith("Khmer name")
    assert validate.script_warning("Latin name", "សុខ Dara", "latin")
    assert validate.script_warning("Khmer name", "សុខ", "khmer") == ""
    assert validate.script_warning("Latin name", "Dara", "latin") == ""


def test_child_service_refuses_bad_names_and_keeps_the_database(admin):
    from pse_desktop.db.centres import Child
    from pse_desktop.services.centres import children, families
    from pse_desktop.services.core import places

    centre = places.save_centre(admin, None, "C01", "Centre one", "Phnom Penh")
    fam = families.save_family(admin, None, "F1", guardians=[{"name_latin": "Mother", "relation": "mother"}])
    base = {"code": "C01-0001", "name_latin": "Dara", "sex": "F", "birth_date": dt.date(2018, 1, 1),
            "programme": "after_school", "session": "morning", "enrolled_on": dt.date(2025, 9, 1),
            "family_id": fam.id, "centre_id": centre.id}
    for field, value in (("name_latin", "\u200b"), ("name_latin", "Da\x00ra"), ("name_km", "ក\nខ"),
                         ("notes", "x" * 3000)):
        e = refused(children.save_child, admin, None, dict(base, **{field: value}))
        assert e.field in ("Latin name", "Khmer name", "notes")
    assert Child.select().count() == 0


def test_passwords_refuse_control_characters(admin):
    from pse_desktop.services.core import auth, users

    assert "U+0000" in refused(users.create_user, admin, "sok", "Sok", "admin", "pass\x00word",
                               (), ()).message
    users.create_user(admin, "dara", "Dara", "admin", "mot de passe e\u0301te\u0301", (), ())
    assert auth.authenticate("dara", "mot de passe \u00e9t\u00e9").username == "dara"


@pytest.mark.parametrize("value", ["1800-01-01", "9999-12-31", "2026-02-30", "x" * 5000, "2026-1-1", 20260101])
def test_dates_refuse_impossible_and_far_values(value):
    e = refused(validate.date, "day", value)
    assert e.field == "day"


def test_date_range_is_stated():
    e = refused(validate.date, "hire_date", "1979-12-31", earliest=dt.date(1980, 1, 1),
                latest=dt.date(2027, 1, 1), why="from 1980 to a year ahead")
    assert e.message == "1979-12-31 is outside 1980-01-01 to 2027-01-01 (from 1980 to a year ahead)"
    assert validate.years_from(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)


def test_field_ranges_in_the_services(admin, make_user):
    from pse_desktop.services.centres import children, families
    from pse_desktop.services.core import places
    from pse_desktop.services.payroll import workers

    today = dt.date.today()
    centre = places.save_centre(admin, None, "C01", "Centre one", "Phnom Penh")
    fam = families.save_family(admin, None, "F1", guardians=[{"name_latin": "Mother", "relation": "mother"}])
    base = {"code": "C01-0001", "name_latin": "Dara", "sex": "F", "birth_date": validate.years_from(today, -8),
            "programme": "after_school", "session": "morning", "enrolled_on": today,
            "family_id": fam.id, "centre_id": centre.id}
    e = refused(children.save_child, admin, None, dict(base, birth_date=dt.date(1800, 1, 1)))
    assert e.field == "birth date" and "is outside 1900-01-01" in e.message
    e = refused(children.save_child, admin, None, dict(base, birth_date=dt.date(1990, 1, 1)))
    assert e.field == "birth date" and "the programmes take children of 2 to 20" in e.message
    e = refused(children.save_child, admin, None, dict(base, enrolled_on=dt.date(2099, 1, 1)))
    assert e.field == "enrolment date" and "not more than a month ahead" in e.message
    manager = make_user("srey", "workshop_manager")
    e = refused(workers.save_worker, manager, None, dict(code="E1", kind="employee", job="seamstress",
                                                         name_latin="Sokha", hire_date="1975-05-01"))
    assert e.field == "hire_date" and "1980-01-01" in e.message


@given(value=HOSTILE, max_len=st.integers(1, 300), multiline=st.booleans())
def test_text_is_clean_or_refused_naming_the_field(value, max_len, multiline):
    try:
        out = validate.clean_text("notes", value, max_len, multiline=multiline)
    except ValidationError as e:
        assert e.field == "notes"
        return
    assert len(out) <= max_len and out == unicodedata.normalize("NFC", out) and out == out.strip()
    assert not any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t" for c in out)
    assert multiline or "\n" not in out


@given(value=HOSTILE)
def test_names_and_dates_never_raise_anything_else(value):
    for call in (lambda: validate.name("name", value), lambda: validate.code("code", value),
                 lambda: validate.integer("count", value, 0, 100),
                 lambda: validate.date("day", value, earliest=dt.date(1980, 1, 1), latest=dt.date(2030, 1, 1))):
        try:
            out = call()
        except ValidationError as e:
            assert e.field in ("name", "code", "count", "day")
            continue
        if isinstance(out, dt.date):
            assert dt.date(1980, 1, 1) <= out <= dt.date(2030, 1, 1)


def test_integers_of_any_size_name_the_field():
    for value in ("9" * 5000, 10 ** 30, "1" * 19):
        assert refused(validate.integer, "months", value).field == "months"
