"""Writing a table to CSV (UTF-8 with BOM, so Excel shows Khmer right) or XLSX, by extension."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Callable, Iterable

from .errors import ValidationError
from ...i18n import _


def check_table_path(path, field: str = "out") -> Path:
    """Return the path if it ends in .csv or .xlsx, else raise ValidationError naming ``field``."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise ValidationError(field, _("the file must end in .csv or .xlsx"))
    return path


def write_table(path, header: list[str], rows: Iterable, sheet: str = "Data",
                xlsx_row: Callable[[list], list] | None = None, field: str = "out") -> int:
    """Write ``rows`` under ``header``; return the number of rows written.

    ``xlsx_row`` may turn a row's texts into numbers for the spreadsheet (e.g. Decimal amounts
    that Excel can add up); CSV gets the rows as they are.
    """
    path = check_table_path(path, field)
    count = 0
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                count += 1
        return count
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    ws.append(header)
    for row in rows:
        ws.append(xlsx_row(list(row)) if xlsx_row else list(row))
        count += 1
    book.save(str(path))
    return count
