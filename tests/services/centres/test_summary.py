"""Monthly registers and rates, and month totals that follow corrections."""

import datetime as dt

from pse_desktop.db.centres import MonthTotal
from pse_desktop.services.centres import attendance, summary as attendance_summary
from tests.fixtures.register import DAYS, TODAY, world  # noqa: F401


def test_month_register_totals_and_rates(admin, world):
    centre, group, kids = world
    reg = attendance_summary.month_register(admin, group.id, "2026-03")
    assert [line.code for line in reg.lines] == ["STM-0000", "STM-0001", "STM-0002"]
    assert len(reg.days) == 31 and reg.closed[dt.date(2026, 3, 7)] == ""
    dara = reg.lines[1]
    assert dara.counts()["A"] == 3 and dara.rate == 40.0
    assert reg.lines[2].rate == 60.0  # P, L, P of 5 marks
    totals = reg.totals()
    assert (totals["P"], totals["L"], totals["A"], totals["S"], totals["E"]) == (9, 1, 3, 1, 1)
    assert reg.rate == 66.7
    rates = attendance_summary.monthly_rates(admin, "2026-03", by="centre")
    assert [(r.key, r.rate) for r in rates] == [("STM", 66.7)]
    assert attendance_summary.yearly_rates(admin, 2025, 2026) == {"STM": {2026: 66.7}}
    summary = dict(attendance_summary.centre_month_summary(admin, centre.id, "2026-03"))
    assert summary[kids[1].id]["A"] == 3


def test_month_totals_follow_corrections(admin, world):
    centre, group, kids = world
    attendance.record_day(admin, group.id, DAYS[4], {kids[1].id: "P"}, "came late", today=TODAY)
    total = MonthTotal.get()
    assert (total.present, total.absent) == (10, 2)
    attendance.rebuild_month_totals()
    again = MonthTotal.get()
    assert (again.present, again.absent) == (10, 2)
