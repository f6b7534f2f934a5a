"""Tests for pse_desktop.services.social.assessments: scores per domain, the trend against the
previous assessment, next steps as follow-ups, notes kept from those who may not read them."""

import datetime as dt

import pytest

from pse_desktop.db.meetings import FollowUp
from pse_desktop.db.social import Assessment
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.social import assessments, caseload
from tests.fixtures.social import TODAY, social  # noqa: F401

FIRST = {"income": 2, "housing": 2, "health": 3, "education": 3, "protection": 3}
SECOND = {"income": 3, "housing": 2, "health": 2, "education": 3, "protection": 3}


def test_each_domain_is_shown_against_the_previous_assessment(social):
    fam, worker = social["families"][0], social["worker"]
    first = assessments.record_assessment(worker, fam.id, TODAY - dt.timedelta(days=190), FIRST,
                                          changes="first visit", today=TODAY)
    assert set(first.trend.values()) == {""}
    second = assessments.record_assessment(
        worker, fam.id, TODAY - dt.timedelta(days=5), SECOND, changes="mother found work",
        decisions="rice from next month", case_notes="grandmother ill",
        next_steps=[("Visit the school about Dara", TODAY + dt.timedelta(days=14))], today=TODAY)
    assert second.trend == {"income": "better", "housing": "same", "health": "worse",
                            "education": "same", "protection": "same"}
    listed = assessments.list_assessments(worker, fam.id)
    assert [a.id for a in listed] == [second.id, first.id]
    assert listed[0].case_notes == "grandmother ill"
    task = FollowUp.get()
    assert (task.action, task.due_on, task.assigned_to_id) == (
        "Visit the school about Dara", TODAY + dt.timedelta(days=14), worker.id)


def test_bad_scores_and_dates_are_refused_and_nothing_is_written(social):
    fam, worker = social["families"][0], social["worker"]
    for scores, field in ((dict(FIRST, income=5), "income"), (dict(FIRST, health=None), "health"),
                          (dict(FIRST, education="good"), "education")):
        with pytest.raises(ValidationError) as exc:
            assessments.record_assessment(worker, fam.id, TODAY, scores, today=TODAY)
        assert exc.value.field == field
    for day in (TODAY + dt.timedelta(days=1), dt.date(1990, 1, 1)):
        with pytest.raises(ValidationError, match="visit date"):
            assessments.record_assessment(worker, fam.id, day, FIRST, today=TODAY)
    with pytest.raises(ValidationError, match="next step 1"):
        assessments.record_assessment(worker, fam.id, TODAY, FIRST, next_steps=[("", None)],
                                      today=TODAY)
    assert Assessment.select().count() == 0 and FollowUp.select().count() == 0


def test_only_the_social_team_records_and_reads_assessments(social):
    fam = social["families"][0]
    assessments.record_assessment(social["worker"], fam.id, TODAY, FIRST, today=TODAY)
    for who in ("stm_staff", "workshop", "shop"):
        with pytest.raises(PermissionDenied):
            assessments.record_assessment(social[who], fam.id, TODAY, FIRST, today=TODAY)
        with pytest.raises(PermissionDenied):
            assessments.list_assessments(social[who], fam.id)


def test_overdue_lists_per_worker_and_for_the_team(social):
    lead, worker, worker2 = social["lead"], social["worker"], social["worker2"]
    f1, f2, f3 = social["families"]
    caseload.assign(lead, f1.id, worker.id, start_on=TODAY - dt.timedelta(days=30), today=TODAY)
    caseload.assign(lead, f2.id, worker2.id, start_on=TODAY - dt.timedelta(days=30), today=TODAY)
    caseload.assign(lead, f3.id, worker.id, start_on=TODAY - dt.timedelta(days=30), today=TODAY)
    assessments.record_assessment(worker, f3.id, TODAY - dt.timedelta(days=20), FIRST,
                                  today=TODAY)
    assert [r.code for r in assessments.overdue(worker, today=TODAY)] == ["F00001"]
    assert [r.code for r in assessments.overdue(lead, everyone=True, today=TODAY)] == [
        "F00001", "F00002"]
    with pytest.raises(PermissionDenied):
        assessments.overdue(worker, everyone=True, today=TODAY)


def test_home_cards_show_overdue_assessments_and_support_to_decide(social):
    lead, worker = social["lead"], social["worker"]
    fam = social["families"][0]
    assert assessments.home_cards(social["stm_staff"], None) == []
    caseload.assign(lead, fam.id, worker.id, start_on=dt.date.today() - dt.timedelta(days=9),
                    today=dt.date.today())
    cards = assessments.home_cards(worker, None)
    assert [c.title for c in cards] == ["Assessments overdue"]
    assert cards[0].lines[0].startswith("F00001") and cards[0].screen == "social_caseload"
    from pse_desktop.services.social import support

    support.request_support(worker, fam.id, "fire", "USD", "10", why="x")
    titles = [c.title for c in assessments.home_cards(lead, None)]
    assert "Emergency support to decide" in titles


# ------------------------------------------------------------------ any input (properties)
import unicodedata  # noqa: E402

from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import (  # noqa: E402
    GOOD_TEXT, LANGUAGES, TYPED, in_language, refused_cleanly, typed_whole,
)

ASSESSMENT_FIELDS = ("visit date", "what changed", "decisions", "case notes", "next step 1",
                     "next step 1: due") + tuple(FIRST)


@given(day=TYPED, score=TYPED, domain=st.sampled_from(sorted(FIRST)), changes=TYPED, notes=TYPED,
       step=TYPED, due=TYPED, lang=LANGUAGES)
def test_any_assessment_typed(social, day, score, domain, changes, notes, step, due, lang):
    with in_language(lang):
        fam, worker = social["families"][0], social["worker"]
        refused_cleanly(lambda: assessments.record_assessment(
            worker, fam.id, day, dict(FIRST, **{domain: score}), changes=changes, decisions=changes,
            case_notes=notes, next_steps=[(step, due)], today=TODAY), *ASSESSMENT_FIELDS)


@given(typed=typed_whole(1, 4), changes=st.one_of(st.just(""), GOOD_TEXT), days=st.integers(0, 3 * 365 - 1),
       today=st.sampled_from([TODAY, dt.date(2028, 2, 29)]), lang=LANGUAGES)
def test_a_typed_assessment_reads_back_as_meant(social, typed, changes, days, today, lang):
    with in_language(lang):
        fam, worker = social["families"][1], social["worker"]
        n, text = typed
        got = assessments.record_assessment(worker, fam.id, (today - dt.timedelta(days=days)).isoformat(),
                                            dict(FIRST, income=text), changes=changes, today=today)
        assert (got.scores, got.changes, got.visited_on) == (
            dict(FIRST, income=n), unicodedata.normalize("NFC", changes).strip(), today - dt.timedelta(days=days))
