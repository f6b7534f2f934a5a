"""Tests for pse_desktop.services.rice.reports: per month and centre, and the month's export."""

import csv

from pse_desktop.services.rice import distribution, lists, reports, stock
from tests.fixtures.rice import MONTH, TODAY, rice  # noqa: F401
from tests.fixtures.social import social  # noqa: F401


def test_kilograms_families_cost_and_attendance_per_centre(rice, tmp_path):
    worker = rice["worker"]
    stm, cba = rice["centres"]["STM"].id, rice["centres"]["CBA"].id
    stock.receive(worker, "100", "Golden Rice", 2800, day=MONTH, today=TODAY)
    stock.transfer(worker, stm, "50", today=TODAY)
    info = lists.build(worker, MONTH)
    lists.decide(worker, next(ln.id for ln in info.lines if ln.flagged), "hold", "never at school")
    lists.finalise(worker, MONTH)
    by_code = {ln.family_code: ln for ln in lists.get_month(worker, MONTH).lines}
    distribution.record(worker, by_code["F00001"].id, "collected")
    distribution.record(worker, by_code["F00003"].id, "no_show")
    rows = {r.centre: r for r in reports.by_month(worker, MONTH, MONTH)}
    assert (rows["STM"].families, rows["STM"].served, rows["STM"].kg_g) == (2, 1, 15_000)
    assert rows["STM"].cost_riel == 15 * 2800 and rows["STM"].above_threshold == 1
    assert (rows["CBA"].served, rows["CBA"].kg_g) == (0, 0)
    out = tmp_path / "rice.csv"
    assert reports.export_month(worker, "2026-10", out) == 3
    with out.open(encoding="utf-8-sig") as fh:
        table = list(csv.reader(fh))
    assert table[0] == ["code", "centre", "guardian", "children", "attendance rate (%)", "kg due",
                        "kg collected", "decision"]
    assert ["F00002", "STM", "Chan Thida", "1", "50", "15", "0", "hold"] in table
    assert cba


def test_the_xlsx_export_holds_numbers(rice, tmp_path):
    from openpyxl import load_workbook

    lists.build(rice["worker"], MONTH)
    out = tmp_path / "rice.xlsx"
    reports.export_month(rice["worker"], MONTH, out)
    rows = list(load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    f2 = next(r for r in rows if r[0] == "F00002")
    assert f2[3:7] == (1, 50, 15, 0)
