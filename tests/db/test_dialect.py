"""The dialect helper's expressions give the same answers on both engines."""

import datetime as dt

from pse_desktop.db import database, dialect
from pse_desktop.db.core import Centre
from pse_desktop.db.payroll import PublicHoliday


def test_month_keys_counts_and_bulk_rows(target):
    dialect.insert_rows("centre", ["code", "name", "area", "active"],
                        [("A", 'Quote "and" comma, here', "", True), ("B", "Two", "PP", False)])
    rows = Centre.select(Centre.code, Centre.name, Centre.area, Centre.active).order_by(Centre.code)
    assert [tuple(r) for r in rows.tuples()] == [("A", 'Quote "and" comma, here', "", True),
                                                 ("B", "Two", "PP", False)]
    assert Centre.select(dialect.count_if(Centre.active == True)).scalar() == 1  # noqa: E712
    PublicHoliday.create(day=dt.date(2026, 3, 9), name="x")
    q = PublicHoliday.select(dialect.year_month(PublicHoliday.day),
                             dialect.month_text(PublicHoliday.day))
    assert tuple(q.tuples().first()) == (202603, "2026-03")


def test_sequences_follow_explicit_ids(target):
    Centre.insert(id=40, code="X", name="X", area="").execute()
    dialect.set_sequences(database.obj, [Centre])
    assert Centre.create(code="Y", name="Y", area="").id == 41
