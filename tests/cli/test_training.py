"""pse-desktop demo (vocational training part) and export training."""

import csv

from openpyxl import load_workbook

from pse_desktop.db import close_database, init_database, resolve_target
from tests.fixtures.cli import demo_db, run  # noqa: F401 (demo_db: a fixture)


def test_the_demo_has_courses_trainees_and_outcomes(demo_db):
    from pse_desktop.db.training import Course, FollowUpVisit, Outcome, Trainee

    init_database(resolve_target(str(demo_db)))
    try:
        assert Course.select().count() == 20
        statuses = {t.status for t in Trainee.select()}
        assert statuses == {"selected", "waiting", "dropped", "completed"}
        assert {o.kind for o in Outcome.select()} == {"placement", "business"}
        assert FollowUpVisit.select().where(FollowUpVisit.months == 12).exists()
    finally:
        close_database()


def test_export_training_csv_and_xlsx(demo_db, tmp_path, capsys):
    out = tmp_path / "training.csv"
    assert run("--db", str(demo_db), "export", "training", "--out", str(out)) == 0
    assert "rows to" in capsys.readouterr().out
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(rows[0]) >= {"course", "trade", "family", "completed",
                                     "placed or self-employed", "income before (USD)",
                                     "income at 6 months (USD)"}
    done = [r for r in rows if r["completed"] == "yes"]
    assert done and any(r["placed or self-employed"] == "placed" for r in done)
    assert any(r["income at 6 months (USD)"].startswith("$") for r in done)
    xlsx = tmp_path / "training.xlsx"
    assert run("--db", str(demo_db), "export", "training", "--out", str(xlsx)) == 0
    sheet = load_workbook(xlsx).active
    assert sheet.max_row == len(rows) + 1
