"""Tests for pse_desktop.services.training.trainees: candidates with age checked, selection
within capacity by priority, outside trainees, drop-out with a follow-up for the social worker."""

import pytest

from pse_desktop.services.social import priority

from pse_desktop.db.meetings import FollowUp
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.training import trainees
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import training  # noqa: F401


def test_candidates_are_guardians_and_young_adults(training):
    fam = training["families"][0]
    found = trainees.candidates(training["worker"], fam.id)
    assert [(c.kind, c.name, c.age) for c in found] == [("guardian", "Sok Sophea", 34),
                                                         ("member", "Sok Rith", 19)]
    assert found[0].income_khr == 410_000 and found[0].level


def test_selection_within_capacity_by_priority(training):
    worker, course, fams = training["worker"], training["course"], training["families"]
    priority.override(worker, fams[1].id, "urgent", "Mother ill, no income")
    c0 = trainees.candidates(worker, fams[0].id)
    c1 = trainees.candidates(worker, fams[1].id)
    mother = trainees.propose(worker, course.id, fams[0].id, "guardian", c0[0].person_id,
                              today=TODAY)
    assert mother.status == "waiting" and mother.income_before_usd_cents == 10000  # 4,100/USD
    rith = trainees.propose(worker, course.id, fams[0].id, "member", c0[1].person_id, today=TODAY)
    thida = trainees.propose(worker, course.id, fams[1].id, "guardian", c1[0].person_id,
                             today=TODAY)
    assert thida.priority == "urgent" and mother.priority != "urgent"
    with pytest.raises(ValidationError, match="already on this course"):
        trainees.propose(worker, course.id, fams[0].id, "member", c0[1].person_id, today=TODAY)
    chosen = trainees.fill_from_priority(worker, course.id)
    assert {t.id for t in chosen} == {thida.id, mother.id}  # capacity 2, most urgent first
    listed = trainees.list_trainees(worker, course.id)
    assert [t.id for t in listed][-1] == rith.id and listed[-1].status == "waiting"
    with pytest.raises(ConflictError, match="full"):
        trainees.select(worker, rith.id)
    assert trainees.get_trainee(worker, rith.id).status == "waiting"  # the refusal rolled back
    trainees.unselect(worker, mother.id)
    assert trainees.select(worker, rith.id).status == "selected"
    assert trainees.fill_from_priority(worker, course.id) == []


def test_age_and_outside_trainees(training):
    from pse_desktop.db.social import HouseholdMember

    worker, course, fam = training["worker"], training["course"], training["families"][0]
    girl = HouseholdMember.get(HouseholdMember.name == "Sok Mey")
    with pytest.raises(ValidationError, match="14 to 30"):
        trainees.propose(worker, course.id, fam.id, "member", girl.id, today=TODAY)
    with pytest.raises(ValidationError, match="reason"):
        trainees.add_outside(worker, course.id, "Keo Srey", 22, "")
    with pytest.raises(ValidationError, match="age"):
        trainees.add_outside(worker, course.id, "Keo Srey", 12, "neighbour")
    out = trainees.add_outside(worker, course.id, "Keo Srey", 22, "Sent by the commune",
                               income_usd="45.00", today=TODAY)
    assert (out.kind, out.family_id, out.income_before_usd_cents) == ("outside", None, 4500)
    with pytest.raises(PermissionDenied):
        trainees.add_outside(training["trainer"], course.id, "X", 20, "y")


def test_drop_out_gives_the_social_worker_a_follow_up(training):
    worker, course, fam = training["worker"], training["course"], training["families"][0]
    c = trainees.candidates(worker, fam.id)[1]
    t = trainees.propose(worker, course.id, fam.id, "member", c.person_id, today=TODAY)
    trainees.select(worker, t.id)
    gone = trainees.drop_out(worker, t.id, "Found work on a building site", today=TODAY)
    assert (gone.status, gone.drop_reason) == ("dropped", "Found work on a building site")
    task = FollowUp.get(FollowUp.family == fam.id)
    assert "Sok Rith" in task.action and task.assigned_to_id == worker.id
    with pytest.raises(ConflictError):
        trainees.drop_out(worker, t.id, "again", today=TODAY)
    outside = trainees.add_outside(worker, course.id, "Keo Srey", 22, "commune", today=TODAY)
    trainees.drop_out(worker, outside.id, "Moved to Battambang", today=TODAY)
    assert FollowUp.select().count() == 1
    assert [label for label, _ in trainees.of_family(worker, fam.id)] == ["Cooking 2026-A"]


def test_selections_at_once_never_exceed_the_capacity(training):
    import threading

    from pse_desktop.db.training import Trainee

    worker, course = training["worker"], training["course"]
    ids = [trainees.add_outside(worker, course.id, f"Person {n}", 20, "commune",
                                today=TODAY).id for n in range(6)]
    results = []

    def run(tid):
        try:
            trainees.select(worker, tid)
            results.append("ok")
        except ConflictError:
            results.append("full")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            results.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(map(str, results)) == ["full"] * 4 + ["ok"] * 2
    assert Trainee.select().where(Trainee.status == "selected").count() == 2


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(name=HOSTILE, age=HOSTILE, reason=HOSTILE, name_km=HOSTILE, phone=HOSTILE, income=HOSTILE)
def test_any_outside_trainee(training, name, age, reason, name_km, phone, income):
    refused_cleanly(lambda: trainees.add_outside(training["worker"], training["course"].id, name, age, reason,
                                                 name_km=name_km, phone=phone, income_usd=income, today=TODAY),
                    "name", "Khmer name", "age", "reason", "phone", "income before")
