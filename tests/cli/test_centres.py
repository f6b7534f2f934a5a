"""Command line of the centres' area."""

import datetime as dt
import subprocess

from pse_desktop import cli
from pse_desktop.db.centres import Child
from pse_desktop.services.centres import (
    attendance, importer as attendance_import, groups as attendance_setup,
)
from pse_desktop.services.core import places
from tests.fixtures.centres import TODAY, centre, family, group, kids  # noqa: F401


def test_import_report_export(admin, target, tmp_path, capsys):
    db = target.url
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    group = attendance_setup.save_group(admin, None, centre.id, "Daycare A", "daycare")
    template = tmp_path / "t.csv"
    assert cli.main(["import", "children", str(template), "--template"]) == 0
    assert cli.main(["--db", db, "import", "children", str(template)]) == 1
    assert not Child.select().exists()
    assert cli.main(["--db", db, "import", "children", str(template), "--yes"]) == 0
    assert Child.select().count() == 1
    broken = tmp_path / "broken.csv"
    broken.write_bytes("child_code,name\n\xe9\n".encode("latin-1"))
    assert cli.main(["--db", db, "import", "children", str(broken), "--yes"]) == 2
    assert "missing columns" in capsys.readouterr().err
    lines = template.read_text(encoding="utf-8-sig").splitlines()
    again = tmp_path / "again.csv"
    again.write_text(lines[0] + "\n" + lines[1].replace("STM-9001", "STM-9002") + "\n", encoding="utf-8")
    assert cli.main(["--db", db, "import", "children", str(again), "--yes"]) == 2
    assert "likely duplicate of STM-9001" in capsys.readouterr().err
    assert cli.main(["--db", db, "import", "children", str(again), "--yes", "--with-duplicates"]) == 0
    assert Child.select().count() == 2
    child = Child.get(Child.code == "STM-9001")
    attendance.record_day(admin, group.id, dt.date(2026, 3, 2), {child.id: "A"}, "paper",
                          today=dt.date(2026, 3, 6))
    pdf = tmp_path / "r.pdf"
    assert cli.main(["--db", db, "report", "attendance", "--centre", "stm", "--group", "daycare a",
                     "--month", "2026-03", "--out", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Sok Dara" in text and "0%" in text
    assert cli.main(["--db", db, "report", "attendance", "--centre", "XXX", "--month", "2026-03",
                     "--out", str(pdf)]) == 2
    out = tmp_path / "a.csv"
    assert cli.main(["--db", db, "export", "attendance", "--month", "2026-03", "--out", str(out)]) == 0
    assert "STM-9001" in out.read_text(encoding="utf-8-sig")
    assert cli.main(["--db", db, "export", "attendance", "--month", "2026-3x", "--out", str(out)]) == 2
    year = tmp_path / "year.xlsx"
    assert cli.main(["--db", db, "export", "attendance", "--from", "2026-01-01", "--to", "2026-12-31",
                     "--out", str(year)]) == 0
    from openpyxl import load_workbook

    rows = list(load_workbook(year).active.values)
    assert rows[0][0] == "Month" and {r[0] for r in rows[1:]} >= {"2026-01", "2026-12"}
    assert cli.main(["--db", db, "export", "attendance", "--from", "2026-01-01", "--out", str(year)]) == 2
    assert attendance_import.COLUMNS[0] in template.read_text(encoding="utf-8-sig")


def test_blank_registers_print_from_this_computers_copy_when_the_server_is_gone(
        admin, kids, group, target, tmp_path, capsys):
    from pse_desktop.db import close_database
    from pse_desktop.services.centres import paper

    paper.keep_copy(admin, today=TODAY)
    close_database()
    gone = "postgresql://pse@127.0.0.1:9/pse"  # port 9: nothing listens there
    pdf = tmp_path / "blank.pdf"
    args = ["--db", gone, "report", "attendance", "--centre", "stm", "--month",
            TODAY.strftime("%Y-%m"), "--out", str(pdf)]
    assert cli.main(args) == 2  # the marks cannot come from a copy that has none
    assert "cannot be reached" in capsys.readouterr().err and not pdf.exists()
    assert cli.main(args + ["--blank", "--group", "sun"]) == 0
    said = capsys.readouterr()
    assert "cannot be reached" in said.err and f"copy of {TODAY.isoformat()}" in said.err
    assert "Wrote 1 register" in said.out
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Sok Dara" in text and "Sok Vanna" in text and "Sun" in text
    assert cli.main(args + ["--blank", "--group", "Moon"]) == 2
    assert f"copy of {TODAY.isoformat()} has no group Moon of STM" in capsys.readouterr().err
    paper.copy_path().unlink()
    assert cli.main(args + ["--blank"]) == 2
    assert "no copy of the registers yet" in capsys.readouterr().err
