"""Tests for pse_desktop.services.training.after: job search steps as follow-up tasks, a
placement, a business with a numbered support receipt, follow-ups at 3, 6 and 12 months."""

import datetime as dt

import pytest

from pse_desktop.db.meetings import FollowUp
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.training import after, progress
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import take_course, training  # noqa: F401


@pytest.fixture
def graduate(training):
    first, second = take_course(training, present_share=(1.0, 0.5))
    progress.complete(training["worker"], training["course"].id, today=TODAY)
    return first, second


def test_job_search_steps_are_follow_up_tasks(training, graduate):
    worker = training["worker"]
    first, second = graduate
    step = after.add_step(worker, first, "interview", employer="Friends restaurant",
                          due_on=TODAY + dt.timedelta(days=3), today=TODAY)
    assert (step.kind, step.assigned_to, step.done_on) == ("interview", "Dara", None)
    task = FollowUp.get(FollowUp.family == training["families"][0].id)
    assert "Friends restaurant" in task.action and task.done_on is None
    done = after.close_step(worker, step.id, "Taken from January", today=TODAY)
    assert done.done_on == TODAY and FollowUp.get_by_id(task.id).outcome == "Taken from January"
    with pytest.raises(ConflictError):
        after.close_step(worker, step.id, "again")
    with pytest.raises(ConflictError, match="not completed"):
        after.add_step(worker, second, "application", today=TODAY)


def test_placement_and_business(training, graduate):
    worker = training["worker"]
    first, _ = graduate
    job = after.record_placement(worker, first, "Friends restaurant", "Kitchen helper",
                                 TODAY, "180.00", today=TODAY)
    assert (job.kind, job.wage_usd_cents, job.receipt_no) == ("placement", 18000, None)
    shop = after.record_business(worker, first, "Noodle stall", TODAY, support="kind",
                                 support_usd="120", support_what="A cart and a gas stove",
                                 today=TODAY)
    cash = after.record_business(worker, first, "Cakes", TODAY, support="cash",
                                 support_usd="50", today=TODAY)
    assert (shop.receipt_no, cash.receipt_no) == ("TS-2026-0001", "TS-2026-0002")
    assert [o.kind for o in after.outcomes(worker, first)] == ["placement", "business",
                                                               "business"]
    with pytest.raises(ValidationError, match="what was given"):
        after.record_business(worker, first, "Cakes", TODAY, support="kind", support_usd="5")
    with pytest.raises(ValidationError, match="wage"):
        after.record_placement(worker, first, "X", "Y", TODAY, "-3")
    with pytest.raises(PermissionDenied):
        after.record_placement(training["trainer"], first, "X", "Y", TODAY, "3")


def test_follow_ups_at_3_6_and_12_months(training, graduate):
    worker = training["worker"]
    first, _ = graduate
    later = TODAY + dt.timedelta(days=200)
    due = after.follow_ups_due(worker, today=later)
    assert [(t, m) for t, _, m, _ in due] == [(first, 3), (first, 6)]
    after.record_follow_up(worker, first, 3, True, "150", today=later)
    f6 = after.record_follow_up(worker, first, 6, True, "160.50", note="Still there",
                                today=later)
    assert (f6.months, f6.working, f6.income_usd_cents) == (6, True, 16050)
    again = after.record_follow_up(worker, first, 6, False, "0", today=later)
    assert [(f.months, f.working) for f in after.follow_ups(worker, first)] == [(3, True),
                                                                               (6, False)]
    assert again.income_usd_cents == 0 and after.follow_ups_due(worker, today=later) == []
    with pytest.raises(ValidationError, match="3, 6 or 12"):
        after.record_follow_up(worker, first, 9, True, "1", today=later)


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(employer=HOSTILE, job=HOSTILE, start=HOSTILE, wage=HOSTILE)
def test_any_placement(training, graduate, employer, job, start, wage):
    refused_cleanly(lambda: after.record_placement(training["worker"], graduate[0], employer, job, start, wage,
                                                   today=TODAY),
                    "employer", "job", "start", "monthly wage")


@given(kind=HOSTILE, start=HOSTILE, support=st.sampled_from(["", "cash", "kind", "other"]), amount=HOSTILE,
       what=HOSTILE)
def test_any_business(training, graduate, kind, start, support, amount, what):
    refused_cleanly(lambda: after.record_business(training["worker"], graduate[0], kind, start, support=support,
                                                  support_usd=amount, support_what=what, today=TODAY),
                    "business", "start", "support", "what was given")


@given(months=st.one_of(st.sampled_from([3, 6, 12, "6"]), HOSTILE), working=st.booleans(), income=HOSTILE,
       note=HOSTILE, visited_on=HOSTILE)
def test_any_follow_up(training, graduate, months, working, income, note, visited_on):
    refused_cleanly(lambda: after.record_follow_up(training["worker"], graduate[0], months, working, income,
                                                   note=note, visited_on=visited_on, today=TODAY),
                    "months after", "monthly income", "note", "date")
