"""The centres' demo part: families with siblings, a year of marks, follow-up material."""

import datetime as dt

from pse_desktop.db.centres import Child, Family, Mark, MonthTotal
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.centres import (
    followup as attendance_followup, summary as attendance_summary,
)
from pse_desktop.services.common import demo


def test_demo_fills_a_realistic_year(admin):
    today = dt.date(2026, 11, 25)
    lines = demo.run(admin, today=today)
    assert any("children" in line for line in lines)
    assert 2800 <= Child.select().count() <= 3200
    assert Family.select().count() < Child.select().count()  # siblings
    assert Mark.select().count() > 500_000
    assert MonthTotal.select().count() > 0
    assert AuditEntry.select().where(AuditEntry.area == "attendance").count() <= 5
    streaks = attendance_followup.absence_streaks(admin, 3, today=today)
    assert len(streaks) >= 10
    assert attendance_followup.unregistered_groups(admin, today)
    rates = attendance_summary.monthly_rates(admin, "2026-08", by="centre")
    assert len(rates) == 7 and all(80 <= r.rate <= 97 for r in rates)
