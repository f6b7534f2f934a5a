"""Tests for pse_desktop.services.social.caseload: assignment history, lists overdue first,
the team view for leaders, what centre staff may know."""

import datetime as dt

import pytest

from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.social import assessments, caseload, survey
from tests.fixtures.social import TODAY, full_survey, social  # noqa: F401

SCORES = {"income": 2, "housing": 2, "health": 3, "education": 3, "protection": 3}


def test_a_reassignment_keeps_the_history_and_needs_a_reason(social):
    fam, lead = social["families"][0], social["lead"]
    caseload.assign(lead, fam.id, social["worker"].id, start_on=TODAY - dt.timedelta(days=100),
                    today=TODAY)
    with pytest.raises(ValidationError, match="reason"):
        caseload.assign(lead, fam.id, social["worker2"].id, today=TODAY)
    with pytest.raises(ValidationError, match="social worker"):
        caseload.assign(lead, fam.id, social["stm_staff"].id, "x", today=TODAY)
    caseload.assign(lead, fam.id, social["worker2"].id, "Dara moved to Sihanoukville",
                    today=TODAY)
    rows = caseload.history(lead, fam.id)
    assert [(r.worker, r.end_on) for r in rows] == [("Sokha", None), ("Dara", TODAY)]
    assert rows[0].reason == "Dara moved to Sihanoukville"
    assert caseload.follow_status(social["stm_staff"], fam.id).worker == "Sokha"
    for who in ("worker", "stm_staff", "workshop", "shop"):
        with pytest.raises(PermissionDenied):
            caseload.assign(social[who], fam.id, social["worker"].id, "x", today=TODAY)


def test_a_workers_list_shows_overdue_first_and_the_leader_sees_every_caseload(social):
    lead, worker = social["lead"], social["worker"]
    f1, f2, f3 = social["families"]
    for f in (f1, f2, f3):
        caseload.assign(lead, f.id, worker.id, start_on=TODAY - dt.timedelta(days=300),
                        today=TODAY)
    survey.save_survey(worker, f2.id, full_survey(urgent={"no_parent_at_home": True}), today=TODAY)
    assessments.record_assessment(worker, f1.id, TODAY - dt.timedelta(days=10), SCORES,
                                  today=TODAY)
    assessments.record_assessment(worker, f3.id, TODAY - dt.timedelta(days=200), SCORES,
                                  today=TODAY)
    rows = caseload.caseload(worker, today=TODAY)
    # never assessed: due since taken on (overdue); f3 due 6 months after its visit (overdue)
    assert [r.code for r in rows] == ["F00002", "F00003", "F00001"]
    assert rows[0].level == "urgent" and rows[0].overdue(TODAY)
    assert rows[2].next_due == caseload.add_months(TODAY - dt.timedelta(days=10), 6)
    with pytest.raises(PermissionDenied):
        caseload.caseload(worker, social["worker2"].id, today=TODAY)
    loads = {w.worker: w for w in caseload.team(lead, today=TODAY)}
    assert (loads["Dara"].families, loads["Dara"].overdue, loads["Dara"].urgent) == (3, 2, 1)
    assert loads["Sokha"].families == 0
    with pytest.raises(PermissionDenied):
        caseload.team(worker, today=TODAY)


def test_centre_staff_learn_only_whether_a_family_is_followed(social):
    fam = social["families"][2]
    assert caseload.follow_status(social["cba_staff"], fam.id).followed is False
    caseload.assign(social["lead"], fam.id, social["worker"].id, today=TODAY)
    status = caseload.follow_status(social["cba_staff"], fam.id)
    assert (status.followed, status.worker, status.since) == (True, "Dara", TODAY)
    for call in (lambda a: caseload.caseload(a), lambda a: caseload.history(a, fam.id)):
        with pytest.raises(PermissionDenied):
            call(social["cba_staff"])
    for who in ("workshop", "shop", "stm_staff"):  # STM staff: a CBA family
        with pytest.raises(PermissionDenied):
            caseload.follow_status(social[who], fam.id)
    # another centre's family: not even whether it is followed
    with pytest.raises(PermissionDenied, match="not a family of your centres"):
        caseload.follow_status(social["stm_staff"], fam.id)


def test_add_months_keeps_the_end_of_month():
    assert caseload.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert caseload.add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert caseload.add_months(dt.date(2026, 1, 15), 6) == dt.date(2026, 7, 15)


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import LANGUAGES, TYPED, in_language, refused_cleanly  # noqa: E402


@given(who=st.sampled_from(["worker", "worker2"]), reason=TYPED, start_on=TYPED, lang=LANGUAGES)
def test_any_assignment_typed(social, who, reason, start_on, lang):
    with in_language(lang):
        fam = social["families"][0]
        before = caseload.history(social["lead"], fam.id)
        if refused_cleanly(lambda: caseload.assign(social["lead"], fam.id, social[who].id, reason,
                                                   start_on=start_on, today=TODAY) or True,
                           "social worker", "from", "reason") is None:
            assert caseload.history(social["lead"], fam.id) == before
