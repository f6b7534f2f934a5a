"""Tests for pse_desktop.services.social.survey: sections saved unfinished, completion,
confidentiality of the violence answers and notes, the record of openings."""

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.db.social import FileAccess, HouseholdMember, Survey
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.social import survey
from tests.fixtures.social import TODAY, full_survey, social  # noqa: F401


def test_a_survey_is_saved_section_by_section_then_completed(social):
    fam, worker = social["families"][0], social["worker"]
    info = survey.save_survey(worker, fam.id, {"housing": {"tenure": "squatting"}}, today=TODAY)
    assert info.status == "draft" and info.housing["tenure"] == "squatting" and not info.members
    with pytest.raises(ValidationError) as exc:
        survey.save_survey(worker, fam.id, {}, complete=True, today=TODAY)
    assert exc.value.field in ("visit date", "household")
    values = full_survey()
    info = survey.save_survey(worker, fam.id, {"members": values["members"],
                                               "visited_on": values["visited_on"]},
                              complete=True, today=TODAY)
    assert info.status == "complete" and len(info.members) == 3
    assert info.housing["tenure"] == "squatting"  # kept from the first save
    assert info.household_income_khr == 600_000


def test_bad_answers_name_the_field_and_change_nothing(social):
    fam, worker = social["families"][0], social["worker"]
    survey.save_survey(worker, fam.id, full_survey(), today=TODAY)
    before = (HouseholdMember.select().count(), Survey.get().tenure, AuditEntry.select().count())
    bad = [
        ({"members": [{"name": "A", "relation": "mother", "age": 300}]}, "member 1: age"),
        ({"members": [{"name": "", "relation": "mother", "age": 30}]}, "member 1: name"),
        ({"debts": [{"lender": "shark", "owed_khr": 1, "monthly_repayment_khr": 1}]},
         "debt 1: lender"),
        ({"debts": [{"lender": "bank", "owed_khr": 10, "monthly_repayment_khr": 20}]},
         "debt 1: monthly repayment"),
        ({"housing": {"tenure": "castle"}}, "tenure"),
        ({"idpoor": {"idpoor_level": 2}}, "IDPoor number"),
        ({"idpoor": {"idpoor_number": "123", "idpoor_level": 1,
                     "idpoor_valid_until": "1800-01-01"}}, "IDPoor valid until"),
        ({"idpoor": {"idpoor_number": "123", "idpoor_level": 1,
                     "idpoor_valid_until": TODAY.replace(year=TODAY.year + 50)}},
         "IDPoor valid until"),
        ({"visited_on": TODAY.replace(year=2099)}, "visit date"),
        ({"members": [{"name": "A", "relation": "m", "age": 3, "income_khr": "1" * 20}]},
         "member 1: monthly income"),
    ]
    for values, field in bad:
        with pytest.raises(ValidationError) as exc:
            survey.save_survey(worker, fam.id, values, today=TODAY)
        assert exc.value.field == field, values
    assert (HouseholdMember.select().count(), Survey.get().tenure,
            AuditEntry.select().count()) == before


def test_only_the_social_team_reads_violence_answers_and_notes(social):
    fam, worker = social["families"][0], social["worker"]
    survey.save_survey(worker, fam.id, {
        "urgent": {"violence": True}, "protection_notes": "husband violent when drunk",
        "case_notes": "mother wants to leave"}, today=TODAY)
    info = survey.get_survey(worker, fam.id)
    assert info.urgent["violence"] is True and info.protection_notes.startswith("husband")
    for who in ("stm_staff", "cba_staff", "workshop", "shop"):
        with pytest.raises(PermissionDenied):
            survey.get_survey(social[who], fam.id)
        with pytest.raises(PermissionDenied):
            survey.save_survey(social[who], fam.id, {"housing": {"tenure": "owned"}},
                               today=TODAY)
    # the audit log says the notes changed, never what they say
    text = " ".join(e.summary for e in AuditEntry.select())
    assert "drunk" not in text and "protection_notes changed" in text


def test_every_opening_is_recorded(social):
    fam, worker = social["families"][1], social["worker"]
    survey.get_survey(worker, fam.id)
    survey.get_survey(social["lead"], fam.id)
    rows = list(FileAccess.select().where(FileAccess.family == fam.id).order_by(FileAccess.id))
    assert [(r.username, r.what) for r in rows] == [("dara", "survey"), ("chenda", "survey")]


def test_the_blank_survey_follows_the_form_in_khmer_and_english():
    titles = [en for (en, km), _rows, _fields in survey.BLANK_SECTIONS]
    assert titles[:3] == ["Visit", "Household", "Other income"]
    for (en, km), rows, fields in survey.BLANK_SECTIONS:
        assert km and any("\u1780" <= c <= "\u17ff" for c in km)
        assert all(f_km and f_en for f_en, f_km in fields)


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(income=HOSTILE, age=HOSTILE, owed=HOSTILE, repay=HOSTILE, rent=HOSTILE, monthly=HOSTILE)
def test_any_amount_in_a_survey(social, income, age, owed, repay, rent, monthly):
    values = {"members": [{"name": "Sok Sophea", "relation": "mother", "age": age, "income_khr": income}],
              "incomes": [{"kind": "help from family", "monthly_khr": monthly}],
              "debts": [{"lender": "microfinance", "owed_khr": owed, "monthly_repayment_khr": repay}],
              "housing": {"tenure": "rented", "rent_khr": rent}}
    refused_cleanly(lambda: survey.save_survey(social["worker"], social["families"][0].id, values, today=TODAY),
                    "member 1: age", "member 1: monthly income", "income 1: monthly amount",
                    "debt 1: amount owed", "debt 1: monthly repayment", "rent")
