"""Tests for pse_desktop.services.training.demo on a small database (the whole demo is run by
tests/cli/test_training.py)."""

import datetime as dt

import pytest

from pse_desktop.db.training import Course, Presence, Trainee
from pse_desktop.services.common.errors import ConflictError, PermissionDenied
from pse_desktop.services.social import demo as social_demo
from pse_desktop.services.training import after, demo, progress
from tests.fixtures.social import social  # noqa: F401


def test_two_years_of_courses_with_consistent_completions(social, admin):
    today = dt.date(2026, 11, 30)
    social_demo.add_demo(admin, lambda m, f: None, today)
    line = demo.add_demo(admin, lambda m, f: None, today)
    assert "20 training courses" in line
    assert Course.select().count() == 20  # Jan and Jul intakes of 2025 and 2026, five trades
    assert Trainee.select().where(Trainee.status == "waiting").count() == 40
    assert Presence.select().count() > 1000
    for course in Course.select().where(Course.end_on < today):
        for p in progress.progress(admin, course.id):
            if p.status == "completed":
                assert p.meets, (course.cohort, p)
    due = after.follow_ups_due(admin, today=today)
    assert due and all(today - dt.timedelta(days=demo.RECENT_DAYS) < day <= today
                       for *_rest, day in due)
    with pytest.raises(ConflictError):
        demo.add_demo(admin, lambda m, f: None, today)


def test_only_an_admin_fills_demo_data(social):
    with pytest.raises(PermissionDenied):
        demo.add_demo(social["lead"], lambda m, f: None, dt.date.today())
