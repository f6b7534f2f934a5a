"""pse-desktop export production."""

import datetime as dt

from tests.fixtures.production import workshop  # noqa: F401

from pse_desktop import cli
from pse_desktop.services.production import (
    materials, orders as production, output as production_output, states as production_states,
)
from pse_desktop.services.production.output import OutputEntry


def test_export_production_csv_and_xlsx(admin, target, workshop, tmp_path, capsys):
    v, ws = workshop["v"], workshop["workers"]
    day = dt.date.today()
    o = production.create_order(admin, kind="handicraft", customer_kind="outside", customer="Lyon",
                                due=day, lines=[(v["SHIRT-8"].id, 10)])
    production_states.confirm(admin, o.id)
    materials.receive(admin, workshop["m"]["white"].id, "20")
    production_output.record_output(admin, o.id, [OutputEntry(day, ws["E001"].id, v["SHIRT-8"].id, 4)])
    out = tmp_path / "out.csv"
    rc = cli.main(["export", "production", "--db", target.url, "--from",
                   (day - dt.timedelta(days=7)).isoformat(), "--to", day.isoformat(), "--out", str(out)])
    assert rc == 0 and "1 output row written" in capsys.readouterr().out
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("day,order,customer") and "PO-00001,Lyon,E001,Chea Sokha,SHIRT-8" in lines[1]
    import csv

    row = list(csv.reader(lines))[1]
    assert row[6] == "School shirt (8, white)" and row[7:9] == ["4", "0.40"]
    xlsx = tmp_path / "out.xlsx"
    assert cli.main(["export", "production", "--db", target.url, "--from", day.isoformat(),
                     "--to", day.isoformat(), "--out", str(xlsx)]) == 0
    from openpyxl import load_workbook

    rows = list(load_workbook(xlsx).active.values)
    assert rows[1][7] == 4
    assert cli.main(["export", "production", "--db", target.url, "--from", day.isoformat(),
                     "--to", "2000-01-01", "--out", str(xlsx)]) == 2
