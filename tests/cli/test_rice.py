"""pse-desktop export rice --month on a small database."""

import csv

from pse_desktop import cli
from pse_desktop.db import close_database
from pse_desktop.services.rice import lists
from tests.fixtures.rice import MONTH, rice  # noqa: F401
from tests.fixtures.social import social  # noqa: F401


def test_export_rice_writes_one_row_per_family(rice, target, tmp_path, capsys):
    lists.build(rice["worker"], MONTH)
    out = tmp_path / "rice.csv"
    close_database()
    assert cli.main(["--db", target.url, "export", "rice", "--month", "2026-10", "--out",
                     str(out)]) == 0
    assert "Wrote 3 rows" in capsys.readouterr().out
    with out.open(encoding="utf-8-sig") as fh:
        assert len(list(csv.reader(fh))) == 4
    assert cli.main(["--db", target.url, "export", "rice", "--month", "2026-13", "--out",
                     str(out)]) == 2
