"""Tests for pse_desktop.services.training.reports: outcomes per course and trade, income before
against after, the export with one row per trainee."""

import csv
import datetime as dt

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.training import after, progress, reports, trainees
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import take_course, training  # noqa: F401


def test_outcomes_and_export(training, tmp_path):
    worker, lead, course = training["worker"], training["lead"], training["course"]
    first, second = take_course(training, present_share=(1.0, 0.5))
    progress.complete(worker, course.id, today=TODAY)
    trainees.drop_out(worker, second, "Moved away", today=TODAY)
    after.record_placement(worker, first, "Friends", "Cook", TODAY, "200", today=TODAY)
    later = TODAY + dt.timedelta(days=200)
    after.record_follow_up(worker, first, 6, True, "210", today=later)
    line = reports.course_outcome(worker, course.id)
    assert (line.trainees, line.completed, line.dropped, line.completion_pct) == (2, 1, 1, 50)
    assert (line.followed_6, line.working_6, line.working_6_pct, line.working_12_pct) == (
        1, 1, 100, None)
    assert (line.income_before_avg, line.income_6_avg) == (10000, 21000)
    assert [t.label for t in reports.by_trade(worker)] == ["Cooking"]
    assert [c.label for c in reports.by_course(worker, 2026)] == ["Cooking 2026-A"]
    assert reports.by_course(worker, 2020) == []
    out = tmp_path / "training.csv"
    assert reports.export_trainees(lead, out) == 2
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    mother = next(r for r in rows if r["trainee"] == "Sok Sophea")
    assert (mother["family"], mother["completed"], mother["placed or self-employed"],
            mother["income before (USD)"], mother["income at 6 months (USD)"]) == (
        "F00001", "yes", "placed", "$100.00", "$210.00")
    assert AuditEntry.select().where(AuditEntry.action == "export").count() == 1
    assert reports.export_trainees(lead, tmp_path / "t.xlsx") == 2
    with pytest.raises(ValidationError):
        reports.export_trainees(lead, tmp_path / "t.txt")
    with pytest.raises(PermissionDenied):
        reports.export_trainees(worker, out)
