"""The Output grid's rows: who sews in a week."""

import datetime as dt

import pytest

from pse_desktop.services.common.errors import PermissionDenied
from pse_desktop.services.payroll import timesheets, workers
from pse_desktop.services.production.week import week_workers

MONDAY = dt.date(2026, 3, 2)
SATURDAY = MONDAY + dt.timedelta(days=5)


def _worker(admin, code, name, hired=dt.date(2020, 1, 6), **extra):
    return workers.save_worker(admin, None, {
        "code": code, "kind": "employee", "job": "seamstress", "name_latin": name, "sex": "F",
        "hire_date": hired, **extra})


def test_only_those_with_a_working_day_that_week_unless_everyone(admin):
    sewing = _worker(admin, "E001", "Chea Sokha")
    sick = _worker(admin, "E002", "Lim Bopha")
    _worker(admin, "E003", "Later Hired", hired=dt.date(2026, 4, 1))
    timesheets.save_sheet(admin, sewing.id, MONDAY, {MONDAY: ("W", "8")})
    timesheets.save_sheet(admin, sick.id, MONDAY, {MONDAY: ("S", "")})
    assert [w.code for w in week_workers(admin, MONDAY, SATURDAY)] == ["E001"]
    # Everyone employed that week: not the one hired after it.
    assert [w.code for w in week_workers(admin, MONDAY, SATURDAY, everyone=True)] == ["E001", "E002"]
    assert [w.code for w in week_workers(admin, MONDAY, SATURDAY, everyone=True,
                                         search="bopha")] == ["E002"]
    # The next week nobody has worked yet.
    assert week_workers(admin, MONDAY + dt.timedelta(7), SATURDAY + dt.timedelta(7)) == []


def test_needs_the_output_permission(admin, make_user):
    social = make_user("dara", "social_team")
    with pytest.raises(PermissionDenied):
        week_workers(social, MONDAY, SATURDAY)
