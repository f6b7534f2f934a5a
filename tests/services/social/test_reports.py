"""Tests for pse_desktop.services.social.reports: the four reports, the family file data and the
exports (own permission, recorded)."""

import csv
import datetime as dt

import pytest

from pse_desktop.db.social import FileAccess
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.social import assessments, caseload, reports, support, survey
from tests.fixtures.social import TODAY, full_survey, social  # noqa: F401

S = {"income": 2, "housing": 2, "health": 2, "education": 2, "protection": 2}


@pytest.fixture
def filled(social):
    worker, lead = social["worker"], social["lead"]
    f1, f2, f3 = social["families"]
    for f in (f1, f2):
        caseload.assign(lead, f.id, worker.id, start_on=dt.date(TODAY.year, 1, 1), today=TODAY)
    survey.save_survey(worker, f1.id, full_survey(), today=TODAY)
    survey.save_survey(worker, f3.id, full_survey(urgent={"violence": True}), today=TODAY)
    assessments.record_assessment(worker, f1.id, dt.date(TODAY.year, 3, 1), S, today=TODAY)
    assessments.record_assessment(worker, f1.id, dt.date(TODAY.year, 9, 1),
                                  dict(S, income=3, health=3), today=TODAY)
    assessments.record_assessment(worker, f2.id, dt.date(TODAY.year, 2, 1), S, today=TODAY)
    assessments.record_assessment(worker, f2.id, dt.date(TODAY.year, 8, 1),
                                  dict(S, housing=1), today=TODAY)
    return social


def test_levels_per_centre_and_assessments_done_against_due(filled):
    lead = filled["lead"]
    assert reports.levels_by_centre(lead) == {"CBA": {"urgent": 1}, "STM": {"high": 1}}
    rows = {(r.worker, r.half): (r.done, r.due) for r in reports.done_against_due(lead, TODAY.year)}
    assert rows[("Dara", f"{TODAY.year}-H1")] == (2, 2)
    assert rows[("Dara", f"{TODAY.year}-H2")] == (2, 2)


def test_improved_and_worsened_families(filled):
    better, worse = reports.changes(filled["lead"])
    assert [(c.code, c.difference) for c in better] == [("F00001", 2)]
    assert [(c.code, c.difference, c.trend["housing"]) for c in worse] == [("F00002", -1, "worse")]


def test_support_per_month_against_the_budget(filled):
    worker, lead = filled["worker"], filled["lead"]
    support.set_budget(lead, TODAY.year, "fire", "300")
    req = support.request_support(worker, filled["families"][0].id, "fire", "USD", "25",
                                  why="kitchen")
    support.decide(lead, req.id, True)
    support.pay(worker, req.id, "Sok Sophea")
    figures = reports.support_by_month(lead, TODAY.year)["fire"]
    assert figures[dt.date.today().month - 1] == 2500 and figures[12] == 30000


def test_family_file_holds_everything_and_is_recorded(filled):
    data = reports.family_file(filled["worker"], filled["families"][0].id, today=TODAY)
    assert data.worker == "Dara" and data.priority.level == "high"
    assert [a.visited_on.month for a in data.assessments] == [9, 3]
    assert data.children[0].code == "STM-0001"
    assert FileAccess.select().where(FileAccess.what == "family file").count() == 1
    with pytest.raises(PermissionDenied):
        reports.family_file(filled["stm_staff"], filled["families"][0].id)


def test_exports_need_their_permission_and_are_recorded(filled, tmp_path):
    out = tmp_path / "fam.csv"
    for who in ("worker", "stm_staff", "shop"):
        with pytest.raises(PermissionDenied):
            reports.export_families(filled[who], out)
    assert reports.export_families(filled["lead"], out, TODAY) == 3
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert [r[0] for r in rows[1:]] == ["F00001", "F00002", "F00003"]
    assert rows[3][3] == "urgent" and rows[1][6] == "2"
    n = reports.export_assessments(filled["lead"], dt.date(TODAY.year, 1, 1), TODAY,
                                   tmp_path / "a.xlsx")
    assert n == 4
    with pytest.raises(ValidationError, match="to"):
        reports.export_support(filled["lead"], TODAY, TODAY.replace(year=TODAY.year - 1),
                               tmp_path / "s.csv")
    assert [a.username for a in FileAccess.select().where(FileAccess.family.is_null())] == [
        "chenda", "chenda"]


def test_the_support_export_holds_numbers(filled, tmp_path):
    from openpyxl import load_workbook

    worker, lead = filled["worker"], filled["lead"]
    fam = filled["families"][0]
    support.request_support(worker, fam.id, "fire", "USD", "12.50", payments=2, why="roof",
                            today=TODAY)
    support.request_support(worker, fam.id, "flood", "KHR", "400000", why="water", today=TODAY)
    out = tmp_path / "s.xlsx"
    assert reports.export_support(lead, TODAY, TODAY, out) == 2
    rows = list(load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert [(r[3], r[4], r[5]) for r in rows] == [("USD", 12.5, 2), ("KHR", 400000, 1)]
    assert rows[0][6] == 25 and isinstance(rows[1][6], float)


def test_the_family_file_prints_on_29_february(filled):
    # the children's attendance of the last year starts on 28 February (it raised ValueError)
    data = reports.family_file(filled["worker"], filled["families"][0].id, today=dt.date(2028, 2, 29))
    assert data.children[0].code == "STM-0001"
