"""Tests for pse_desktop.services.training.courses: trades seeded, sessions on the timetable
without public holidays, validation, updates keeping marked sessions, closing."""

import datetime as dt

import pytest

from pse_desktop.db.centres import DayOff
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.training import courses
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import END, START, training  # noqa: F401


def test_trades_are_seeded_with_their_checklists(training):
    found = {t.code: t for t in courses.trades(training["worker"])}
    assert set(found) == {"cooking", "cleaning", "baking", "barista", "beauty"}
    assert found["cooking"].skills[0][1:] == ("Food hygiene and safety",
                                              "អនាម័យ និងសុវត្ថិភាពម្ហូបអាហារ")


def test_sessions_follow_the_timetable_without_public_holidays(training, admin):
    course = training["course"]
    days = [d for _, d in courses.sessions(training["worker"], course.id)]
    assert course.sessions == len(days) == 36  # 12 weeks x Mon Wed Fri
    assert {d.weekday() for d in days} == {0, 2, 4} and days[0] == START and days[-1] == END
    assert course.timetable == "Mon Wed Fri" and course.label == "Cooking 2026-A"
    DayOff.create(day=dt.date(2027, 1, 1), centre=None, name="New Year")
    stm = training["centres"]["STM"]
    DayOff.create(day=dt.date(2027, 1, 4), centre=stm.id, name="Centre closed")
    assert courses.session_days(dt.date(2026, 12, 28), dt.date(2027, 1, 4), "024") == [
        dt.date(2026, 12, 28), dt.date(2026, 12, 30), dt.date(2027, 1, 4)]


@pytest.mark.parametrize("code, label, skill", [
    ("en", "Cooking 2026-A", "Khmer dishes"),
    ("fr", "Cuisine 2026-A", "Plats khmers"),
    ("km", "ការធ្វើម្ហូប 2026-A", "ម្ហូបខ្មែរ"),
])
def test_seeded_trades_and_skills_read_in_the_users_language(training, lang, code, label, skill):
    from pse_desktop.i18n import local_name

    lang(code)
    course = courses.get_course(training["worker"], training["course"].id)
    assert course.label == label and course.trade == "Cooking"  # stored as seeded
    cooking = next(t for t in courses.trades(training["worker"]) if t.code == "cooking")
    assert skill in [local_name(name, km) for _id, name, km in cooking.skills]


def test_a_trade_typed_by_a_user_keeps_its_name(training, lang):
    from pse_desktop.db.training import Trade

    tailoring = Trade.create(code="tailor", name="Tailoring", name_km="")
    course = courses.create_course(training["worker"], {
        "trade_id": tailoring.id, "cohort": "2027-A", "start_on": "2027-01-04",
        "end_on": "2027-04-30", "trainer_id": training["trainer"].id, "capacity": 10})
    for code in ("fr", "km"):
        lang(code)
        assert courses.get_course(training["worker"], course.id).label == "Tailoring 2027-A"


def test_bad_courses_are_refused(training):
    worker, trade = training["worker"], training["trade"]
    good = {"trade_id": trade.id, "cohort": "2027-A", "start_on": "2027-01-04",
            "end_on": "2027-04-30", "trainer_id": training["trainer"].id, "capacity": 20}
    with pytest.raises(ValidationError, match="end"):
        courses.create_course(worker, {**good, "end_on": "2027-01-01"})
    with pytest.raises(ValidationError, match="timetable"):
        courses.create_course(worker, {**good, "weekdays": "Funday"})
    with pytest.raises(ValidationError, match="capacity"):
        courses.create_course(worker, {**good, "capacity": 0})
    with pytest.raises(ValidationError, match="cohort"):
        courses.create_course(worker, {**good, "cohort": "2026-A"})
    with pytest.raises(PermissionDenied):
        courses.create_course(training["trainer"], good)
    made = courses.create_course(worker, {**good, "weekdays": "5"})
    assert made.sessions == 16 and made.weekdays == "5"


def test_update_remakes_sessions_and_close_stops_the_course(training):
    worker, course = training["worker"], training["course"]
    values = {"trade_id": course.trade_id, "cohort": course.cohort, "start_on": START,
              "end_on": END, "trainer_id": course.trainer_id, "capacity": 3,
              "weekdays": "Tue Thu"}
    changed = courses.update_course(worker, course.id, values)
    assert changed.sessions == 24 and changed.capacity == 3
    assert courses.close_course(worker, course.id).status == "closed"
    with pytest.raises(ConflictError):
        courses.close_course(worker, course.id)


def test_a_trainer_lists_only_their_courses(training, make_user):
    other = make_user("baker", "workshop_manager")
    assert [c.id for c in courses.list_courses(training["trainer"])] == [training["course"].id]
    assert len(courses.list_courses(training["worker"])) == 1
    with pytest.raises(PermissionDenied):
        courses.list_courses(other)


def _values(course, **changes):
    return {"trade_id": course.trade_id, "cohort": course.cohort, "start_on": course.start_on,
            "end_on": course.end_on, "trainer_id": course.trainer_id, "place": course.place,
            "capacity": course.capacity, "weekdays": course.weekdays,
            "attendance_pct": course.attendance_pct, "skills_pct": course.skills_pct, **changes}


def test_an_edit_changes_dates_place_trainer_and_capacity_and_is_audited(training, make_user):
    from pse_desktop.db.core import AuditEntry

    worker, course = training["worker"], training["course"]
    other = make_user("baker", "workshop_manager")
    changed = courses.update_course(worker, course.id, _values(
        course, start_on=START + dt.timedelta(days=7), end_on=END + dt.timedelta(days=14),
        place="Head office kitchen", trainer_id=other.id, capacity=30, skills_pct=70))
    assert (changed.place, changed.trainer_id, changed.capacity, changed.skills_pct) == (
        "Head office kitchen", other.id, 30, 70)
    days = [d for _, d in courses.sessions(worker, course.id)]
    assert days[0] == START + dt.timedelta(days=7) and days[-1] == END + dt.timedelta(days=14)
    assert changed.sessions == len(days) == 39  # 13 weeks x Mon Wed Fri
    entry = AuditEntry.select().where(AuditEntry.entity == "course",
                                      AuditEntry.action == "update").get()
    assert "place: 'Stung Meanchey kitchen' -> 'Head office kitchen'" in entry.summary
    assert "capacity: 2 -> 30" in entry.summary and "start_on" in entry.summary
    assert "cohort" not in entry.summary.split(": ", 1)[1]
    with pytest.raises(PermissionDenied):
        courses.update_course(training["trainer"], course.id, _values(course, capacity=5))


def test_an_edit_that_breaks_the_course_names_the_field(training):
    from tests.fixtures.training import select_two

    worker, course = training["worker"], training["course"]
    select_two(training)
    with pytest.raises(ValidationError) as bad:
        courses.update_course(worker, course.id, _values(course, capacity=1))
    assert bad.value.field == "capacity" and "2 trainees" in bad.value.message
    with pytest.raises(ValidationError) as bad:
        courses.update_course(worker, course.id, _values(course, end_on=course.start_on))
    assert bad.value.field == "end" and "after the start" in bad.value.message
    with pytest.raises(ValidationError) as bad:
        courses.update_course(worker, course.id, _values(course, place="x" * 121))
    assert bad.value.field == "place"
    other = courses.create_course(worker, {**_values(course), "cohort": "2027-A",
                                           "start_on": "2027-01-04", "end_on": "2027-03-26"})
    with pytest.raises(ValidationError) as bad:
        courses.update_course(worker, other.id, _values(other, cohort="2026-A"))
    assert bad.value.field == "cohort"
    with pytest.raises(ValidationError) as bad:  # no Saturday between a Monday and a Friday
        courses.update_course(worker, other.id, _values(other, end_on="2027-01-08",
                                                        weekdays="Sat"))
    assert bad.value.field == "timetable"
    assert courses.get_course(worker, course.id).capacity == 2  # nothing was written


def test_an_edit_keeps_marked_sessions_and_skills(training):
    from pse_desktop.db.training import Trade
    from pse_desktop.services.training import progress
    from tests.fixtures.training import select_two

    worker, trainer, course = training["worker"], training["trainer"], training["course"]
    first, second = select_two(training)
    days = courses.sessions(worker, course.id)
    progress.save_register(trainer, days[1][0], {first: "P", second: "A"}, today=TODAY)
    with pytest.raises(ValidationError) as bad:
        courses.update_course(worker, course.id, _values(course, start_on=days[2][1]))
    assert bad.value.field == "start" and "attendance is marked" in bad.value.message
    with pytest.raises(ValidationError) as bad:  # the marked session is a Wednesday
        courses.update_course(worker, course.id, _values(course, weekdays="Mon Fri"))
    assert bad.value.field == "timetable"
    with pytest.raises(ValidationError) as bad:
        courses.update_course(worker, course.id, _values(course, end_on=START + dt.timedelta(days=1)))
    assert bad.value.field == "end" and "attendance is marked" in bad.value.message
    kept = courses.update_course(worker, course.id, _values(course, weekdays="Mon Wed"))
    assert kept.sessions == 24 and days[1] in courses.sessions(worker, course.id)
    marks = {tid: mark for tid, _name, mark in progress.register(trainer, days[1][0])}
    assert marks == {first: "P", second: "A"}
    baking = Trade.get(Trade.code == "baking")
    skill = progress.skills_of(trainer, first)[0][0]
    progress.mark_skill(trainer, first, skill, today=TODAY)
    with pytest.raises(ValidationError) as bad:
        courses.update_course(worker, course.id, _values(course, trade_id=baking.id))
    assert bad.value.field == "trade"


def test_a_closed_course_cannot_be_edited(training):
    worker, course = training["worker"], training["course"]
    courses.close_course(worker, course.id)
    with pytest.raises(ConflictError, match="closed"):
        courses.update_course(worker, course.id, _values(course, place="Elsewhere"))
    assert courses.get_course(worker, course.id).place == "Stung Meanchey kitchen"


def test_the_courses_messages_follow_the_language(training):
    from pse_desktop import i18n

    worker, trade = training["worker"], training["trade"]
    good = {"trade_id": trade.id, "cohort": "2027-A", "start_on": "2027-01-04",
            "end_on": "2027-04-30", "trainer_id": training["trainer"].id, "capacity": 20}
    i18n.set_language("fr")
    try:
        with pytest.raises(ValidationError) as end:
            courses.create_course(worker, {**good, "end_on": "2027-01-01"})
        assert (end.value.field, end.value.message) == ("end", "doit être après le début")
        with pytest.raises(ValidationError) as day:
            courses.create_course(worker, {**good, "weekdays": "Mon Funday"})
        assert day.value.message == "'Funday' n'est pas un jour de la semaine"
        courses.close_course(worker, training["course"].id)
        with pytest.raises(ConflictError) as closed:
            courses.close_course(worker, training["course"].id)
        assert str(closed.value) == "Cette formation est déjà clôturée."
    finally:
        i18n.set_language("en")


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402

COURSE_FIELDS = ["cohort", "start_on", "end_on", "place", "capacity", "weekdays", "attendance_pct",
                 "skills_pct", "trade_id", "trainer_id"]


@given(field=st.sampled_from(COURSE_FIELDS), value=HOSTILE)
def test_any_value_in_a_course(training, field, value):
    values = {"trade_id": training["trade"].id, "cohort": "2027-P", "start_on": START, "end_on": END,
              "trainer_id": training["trainer"].id, "capacity": 10, "weekdays": "Mon Wed Fri", field: value}
    course = refused_cleanly(lambda: courses.create_course(training["worker"], values),
                             "cohort", "start", "end", "place", "capacity", "weekdays", "timetable",
                             "attendance to complete (%)", "skills to complete (%)", "trade", "trainer")
    if course is not None:  # the next example may use the same cohort
        from pse_desktop.db.training import Course, Session

        Session.delete().where(Session.course == course.id).execute()
        Course.delete().where(Course.id == course.id).execute()
