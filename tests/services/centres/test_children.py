"""Children: any value typed in any field is saved clean or refused naming the field, and a
refused save leaves the database exactly as it was (property test)."""

import datetime as dt
import itertools

import pytest
from hypothesis import given, strategies as st

from pse_desktop.services.centres import children, families
from pse_desktop.services.core import places
from tests.fixtures.inputs import HOSTILE, refused_cleanly

FIELDS = ["code", "name_latin", "name_km", "sex", "birth_date", "programme", "session", "school",
          "grade", "clothing_size", "enrolled_on", "exit_on", "exit_reason", "age_reason", "notes",
          "family_id", "centre_id"]
NAMES = {"code": "code", "name_latin": "Latin name", "name_km": "Khmer name", "sex": "sex",
         "birth_date": "birth date", "programme": "programme", "session": "session", "school": "school",
         "grade": "grade", "clothing_size": "clothing size", "enrolled_on": "enrolment date",
         "exit_on": "exit date", "exit_reason": "exit reason", "age_reason": "age reason",
         "notes": "notes", "family_id": "family", "centre_id": "centre"}
NUMBERS = itertools.count(1)


@pytest.fixture
def place(admin):
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    fam = families.save_family(admin, None, "F1", guardians=[{"name_latin": "Keo Thida"}])
    return centre, fam


@given(field=st.sampled_from(FIELDS), value=HOSTILE)
def test_any_value_in_any_field(admin, place, field, value):
    centre, fam = place
    base = {"code": f"STM-{next(NUMBERS):05d}", "name_latin": f"Child {next(NUMBERS)}", "sex": "F",
            "birth_date": dt.date(2018, 5, 1), "programme": "after_school", "session": "morning",
            "enrolled_on": dt.date(2025, 9, 1), "family_id": fam.id, "centre_id": centre.id}
    base[field] = value
    saved = refused_cleanly(lambda: children.save_child(admin, None, base), *NAMES.values(), "group")
    if saved is not None:
        assert saved.name_latin.strip() == saved.name_latin and "\x00" not in saved.notes


@given(field=st.sampled_from(["code", "village", "address", "phone", "notes", "guardian"]), value=HOSTILE)
def test_any_value_in_a_family(admin, place, field, value):
    values = {"village": "", "address": "", "phone": "", "notes": ""}
    guardians = [{"name_latin": "Keo Thida", "relation": "mother"}]
    code = f"F{next(NUMBERS)}"
    if field == "code":
        code = value
    elif field == "guardian":
        guardians = [{"name_latin": value, "name_km": value, "phone": value}]
    else:
        values[field] = value
    refused_cleanly(lambda: families.save_family(admin, None, code, guardians=guardians, **values),
                    "family code", "village", "address", "phone", "notes", "guardian 1 name",
                    "guardian 1 Khmer name", "guardian 1 phone", "guardian 1 relation")
