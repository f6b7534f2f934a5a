"""pse-desktop export meetings, on a database filled by the demo."""

import csv
import datetime as dt

from tests.fixtures.cli import demo_db, run  # noqa: F401 (demo_db: a fixture)


def test_demo_adds_a_year_of_meetings_and_export_writes_them(demo_db, tmp_path, capsys):
    out = tmp_path / "m.csv"
    today = dt.date.today()
    first = (today - dt.timedelta(days=400)).isoformat()
    assert run("--db", str(demo_db), "export", "meetings", "--from", first, "--to", today.isoformat(),
               "--out", str(out)) == 0
    assert "Wrote" in capsys.readouterr().out
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    days = {dt.date.fromisoformat(r["Date"]) for r in rows}
    assert min(days) >= today - dt.timedelta(days=366) and max(days) == today
    came = sum(r["Came"] == "yes" for r in rows if r["Status"] == "held")
    held = sum(r["Status"] == "held" for r in rows)
    assert 0.4 < came / held < 0.8
    assert len({r["Centre"] for r in rows}) == 7
    assert run("--db", str(demo_db), "export", "meetings", "--from", first, "--to", today.isoformat(),
               "--centre", "STM", "--out", str(tmp_path / "m.xlsx")) == 0


def test_export_refuses_bad_dates_and_extensions(demo_db, tmp_path, capsys):
    assert run("--db", str(demo_db), "export", "meetings", "--from", "2026-13-01", "--to", "2026-12-31",
               "--out", str(tmp_path / "m.csv")) == 2
    assert "from" in capsys.readouterr().err
    assert run("--db", str(demo_db), "export", "meetings", "--from", "2026-01-01", "--to", "2026-12-31",
               "--out", str(tmp_path / "m.pdf")) == 2
