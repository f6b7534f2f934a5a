"""pse-desktop demo (social part) and export families / assessments / support."""

import csv
import datetime as dt
from collections import Counter, defaultdict

from openpyxl import load_workbook

from pse_desktop.db import close_database, init_database, resolve_target
from tests.fixtures.cli import demo_db, run  # noqa: F401 (demo_db: a fixture)


def test_the_demo_surveys_every_family_and_stays_within_budgets(demo_db):
    from pse_desktop.db.centres import Child
    from pse_desktop.db.social import (Assessment, CaseAssignment, Priority, SupportBudget,
                                       SupportRequest, Survey)

    init_database(resolve_target(str(demo_db)))
    try:
        families = {fid for (fid,) in Child.select(Child.family)
                    .where(Child.exit_on.is_null()).tuples()}
        assert {s.family_id for s in Survey.select()} == families
        assert {c.family_id for c in CaseAssignment.select()} == families
        assert Priority.select().count() == len(families)
        assert {p.computed_level for p in Priority.select()} >= {"urgent", "high", "medium", "low"}
        per_family = Counter(a.family_id for a in Assessment.select())
        assert min(per_family.values()) >= 3 and max(per_family.values()) <= 4
        approved = defaultdict(int)
        for r in SupportRequest.select().where(SupportRequest.status == "approved"):
            approved[(r.decided_on.year, r.kind)] += r.usd_cents_total
        assert approved
        for (year, kind), cents in approved.items():
            budget = SupportBudget.get(SupportBudget.year == year, SupportBudget.kind == kind)
            assert cents <= budget.amount_usd_cents
    finally:
        close_database()


def test_exports_write_one_row_each_and_are_recorded(demo_db, tmp_path, capsys):
    out = tmp_path / "families.csv"
    assert run("--db", str(demo_db), "export", "families", "--out", str(out)) == 0
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["code", "centre", "social worker", "priority", "last assessment",
                       "next due", "IDPoor level"]
    assert len(rows) > 100 and all(r[3] in ("urgent", "high", "medium", "low") for r in rows[1:])
    today = dt.date.today()
    xlsx = tmp_path / "assessments.xlsx"
    assert run("--db", str(demo_db), "export", "assessments", "--from",
               str(today.replace(year=today.year - 1)), "--to", str(today), "--out",
               str(xlsx)) == 0
    sheet = load_workbook(xlsx).active
    assert sheet.cell(1, 4).value == "income" and sheet.max_row > 100
    sup = tmp_path / "support.csv"
    assert run("--db", str(demo_db), "export", "support", "--from",
               str(today.replace(year=today.year - 1)), "--to", str(today), "--out",
               str(sup)) == 0
    assert "Wrote" in capsys.readouterr().out
    assert run("--db", str(demo_db), "export", "support", "--from", "2026-02-01", "--to",
               "2026-01-01", "--out", str(sup)) == 2
    from pse_desktop.db.social import FileAccess

    init_database(resolve_target(str(demo_db)))
    try:
        whats = [a.what for a in FileAccess.select().where(FileAccess.family.is_null())]
        assert any(w.startswith("export families") for w in whats)
        assert any(w.startswith("export assessments") for w in whats)
    finally:
        close_database()
