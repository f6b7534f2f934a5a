"""Shop commands: demo data, then exports of sales and stock as CSV and XLSX."""

import csv

from openpyxl import load_workbook

from tests.fixtures.cli import run


def test_demo_then_export_sales_and_stock(tmp_path, capsys):
    pw = tmp_path / "pw.txt"
    pw.write_text("admin-pass\n")
    db = str(tmp_path / "x.sqlite3")
    assert run("--db", db, "init", "--admin", "admin", "--password-file", str(pw)) == 0
    assert run("--db", db, "demo") == 0
    assert "sales" in capsys.readouterr().out
    assert run("export", "stock", "--db", db, "--out", str(tmp_path / "stock.csv")) == 0
    with open(tmp_path / "stock.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(rows[0]) >= {"code", "location", "quantity"}
    assert all(int(r["quantity"]) >= 0 for r in rows)
    assert {r["location"] for r in rows} >= {"PP1", "PP2", "FR1"}

    import sqlite3

    conn = sqlite3.connect(db)
    first, last = conn.execute("SELECT MIN(day), MAX(day) FROM sale").fetchone()
    ledger = dict(((v, loc), q) for v, loc, q in conn.execute(
        "SELECT variant_id, location_id, SUM(quantity) FROM stock_move GROUP BY 1, 2"))
    balances = dict(((v, loc), q) for v, loc, q in conn.execute(
        "SELECT variant_id, location_id, quantity FROM stock_balance"))
    gaps = conn.execute("SELECT location_id FROM sale GROUP BY location_id "
                        "HAVING COUNT(*) != MAX(number)").fetchall()
    conn.close()
    assert ledger == balances and not gaps
    out = tmp_path / "sales.xlsx"
    assert run("export", "sales", "--db", db, "--from", first, "--to", last, "--out", str(out)) == 0
    ws = load_workbook(out).active
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    assert header[:5] == ["date", "time", "location", "number", "kind"]
    assert ws.max_row > 10000
    assert run("export", "sales", "--db", db, "--from", last, "--to", first,
               "--out", str(out)) == 2
    assert "before the start" in capsys.readouterr().err
    assert run("export", "stock", "--db", db, "--out", str(tmp_path / "stock.pdf")) == 2
