"""Tests for pse_desktop.services.training.progress: the session register, skills, completion
against the thresholds with gap-free certificate numbers, and who may mark."""

import datetime as dt

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.training import courses, progress
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import select_two, take_course, training  # noqa: F401


def test_register_by_the_trainer(training):
    trainer, course = training["trainer"], training["course"]
    mother, rith = select_two(training)
    sid, _day = courses.sessions(trainer, course.id)[0]
    assert progress.register(trainer, sid) == [(rith, "Sok Rith", ""), (mother, "Sok Sophea", "")]
    assert progress.save_register(trainer, sid, {mother: "P", rith: "A"}, today=TODAY) == 2
    assert progress.save_register(trainer, sid, {rith: "P"}, today=TODAY) == 1
    assert progress.register(trainer, sid) == [(rith, "Sok Rith", "P"),
                                               (mother, "Sok Sophea", "P")]
    assert AuditEntry.select().where(AuditEntry.action == "register").count() == 2
    with pytest.raises(ValidationError, match="not P or A"):
        progress.save_register(trainer, sid, {rith: "L"}, today=TODAY)
    with pytest.raises(ValidationError, match="future"):
        progress.save_register(trainer, sid, {rith: "P"}, today=dt.date(2026, 9, 1))
    with pytest.raises(PermissionDenied):
        progress.save_register(training["workshop"], sid, {rith: "P"}, today=TODAY)
    with pytest.raises(PermissionDenied):
        progress.register(training["stm_staff"], sid)
    from pse_desktop.services.training import trainees

    trainees.drop_out(training["worker"], rith, "Found work", today=TODAY)
    assert progress.register(trainer, sid) == [(mother, "Sok Sophea", "P")]
    progress.save_register(trainer, sid, {mother: "A"}, today=TODAY)  # the dropped mark stays
    rows = {p.trainee_id: p for p in progress.progress(trainer, course.id)}
    assert (rows[rith].present, rows[rith].status, rows[mother].present) == (1, "dropped", 0)


def test_completion_against_the_thresholds_with_certificates(training):
    worker, course = training["worker"], training["course"]
    first, second = take_course(training, present_share=(0.9, 0.6))
    rows = {p.trainee_id: p for p in progress.progress(worker, course.id)}
    assert (rows[first].attendance_pct, rows[first].skills_pct, rows[first].meets) == (
        91, 100, True)
    assert rows[second].meets is False and rows[second].attendance_pct < 80
    done = progress.complete(worker, course.id, today=TODAY)
    assert [(p.trainee_id, p.certificate_no) for p in done] == [(first, "CT-2026-0001")]
    assert progress.complete(worker, course.id, today=TODAY) == []
    with pytest.raises(PermissionDenied):
        progress.complete(training["trainer"], course.id, today=TODAY)
    with pytest.raises(ConflictError):
        progress.mark_skill(training["trainer"], first, progress.skills_of(worker, first)[0][0])


def test_skills_checklist_marks_and_unmarks(training):
    trainer = training["trainer"]
    mother, _ = select_two(training)
    skills = progress.skills_of(trainer, mother)
    assert len(skills) == 6 and all(s[3] is None for s in skills)
    progress.mark_skill(trainer, mother, skills[0][0], today=TODAY)
    progress.mark_skill(trainer, mother, skills[0][0], today=TODAY)  # twice: once
    assert progress.skills_of(trainer, mother)[0][3] == TODAY
    progress.mark_skill(trainer, mother, skills[0][0], False, today=TODAY)
    assert progress.skills_of(trainer, mother)[0][3] is None
    from pse_desktop.db.training import Skill

    beauty = Skill.select().where(Skill.trade != training["trade"].id).first()
    with pytest.raises(ValidationError, match="checklist"):
        progress.mark_skill(trainer, mother, beauty.id)


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import LANGUAGES, TYPED, in_language, refused_cleanly  # noqa: E402


@pytest.fixture
def two_selected(training):
    mother, rith = select_two(training)
    sid, _day = courses.sessions(training["trainer"], training["course"].id)[0]
    return sid, mother, rith


@given(mark=TYPED, on=TYPED, lang=LANGUAGES)
def test_any_register_mark_or_skill_date_typed(training, two_selected, mark, on, lang):
    with in_language(lang):
        sid, mother, rith = two_selected
        trainer = training["trainer"]
        before = progress.register(trainer, sid)
        if refused_cleanly(lambda: progress.save_register(trainer, sid, {mother: mark}, today=TODAY) + 1,
                           "mark") is None:
            assert progress.register(trainer, sid) == before
        skill = progress.skills_of(trainer, rith)[0][0]
        refused_cleanly(lambda: progress.mark_skill(trainer, rith, skill, on=on, today=TODAY), "date")


@given(marks=st.lists(st.tuples(st.sampled_from(["P", "A", ""]), st.sampled_from(["", " "]), st.booleans()),
                      min_size=2, max_size=2), lang=LANGUAGES)
def test_typed_register_reads_back_as_meant(training, two_selected, marks, lang):
    with in_language(lang):
        sid, mother, rith = two_selected
        typed = {tid: pad + (m.lower() if lower else m) + pad for tid, (m, pad, lower) in zip((mother, rith), marks)}
        assert progress.save_register(training["trainer"], sid, typed, today=TODAY) == sum(1 for m, *_r in marks if m)
        got = {tid: mark for tid, _name, mark in progress.register(training["trainer"], sid)}
        assert got == {tid: m for tid, (m, _p, _l) in zip((mother, rith), marks)}
