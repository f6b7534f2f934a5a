"""Tests for pse_desktop.services.training.courses: trades seeded, sessions on the timetable
without public holidays, validation, updates keeping marked sessions, closing."""

import datetime as dt

import pytest

from pse_desktop.db.centres import DayOff
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.training import courses
from tests.fixtures.social import social  # noqa: F401
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
