"""Writing a table to CSV (UTF-8 with BOM, so Excel shows Khmer right) or XLSX, by extension.

The one writer of every area's exports. Cells are typed: ``Money`` as numbers with a currency
format, dates as dates, ``Rate`` as numbers with a percent format, so that SUM and filters work.
Text is made safe: control characters are removed (never fatal), and a text beginning with
= + - @ tab or carriage return is written so that no spreadsheet runs it (OWASP, CSV injection):
a leading apostrophe in CSV, a plain text cell with Excel's quote prefix in XLSX.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

from .errors import ValidationError
from ...i18n import _

DECIMALS = {"USD": 2, "EUR": 2, "KHR": 0}
FORMATS = {"USD": '"$"#,##0.00;-"$"#,##0.00', "EUR": '#,##0.00" €";-#,##0.00" €"',
           "KHR": '#,##0" ៛";-#,##0" ៛"'}
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udfff]")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?|-+")


@dataclass(frozen=True)
class Money:
    """An amount in minor units and its currency: a number with a currency format in XLSX."""

    minor: int
    currency: str = "USD"

    @property
    def value(self) -> Decimal:
        return Decimal(int(self.minor)).scaleb(-DECIMALS.get(self.currency, 2))

    def __str__(self) -> str:
        digits = DECIMALS.get(self.currency, 2)
        return f"{self.value:.{digits}f}"


@dataclass(frozen=True)
class Rate:
    """A share (0.84 for 84%): a number with a percent format in XLSX, '84.0%' in CSV."""

    value: Decimal | None

    def __str__(self) -> str:
        return "" if self.value is None else f"{Decimal(self.value) * 100:.1f}%"


def safe_text(value: str) -> str:
    """The text without control characters, and with a leading apostrophe when a spreadsheet
    would read it as a formula (kept as is: plain numbers such as '-5' and a lone '-')."""
    value = _CONTROL.sub("", value)
    if value and value[0] in "=+-@\t\r" and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def needs_neutralising(value: str) -> bool:
    value = _CONTROL.sub("", value)
    return bool(value) and value[0] in "=+-@\t\r" and not _PLAIN_NUMBER.fullmatch(value)


def csv_cell(value) -> object:
    """What a CSV cell holds for a value (text made safe; dates ISO; amounts exact)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, Decimal, Money, Rate)):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return safe_text(str(value))


def check_table_path(path, field: str = "out") -> Path:
    """Return the path if it ends in .csv or .xlsx, else raise ValidationError naming ``field``."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise ValidationError(field, _("the file must end in .csv or .xlsx"))
    return path


def _xlsx_cell(ws, value):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, Money):
        cell = WriteOnlyCell(ws, value=value.value)
        cell.number_format = FORMATS.get(value.currency, "#,##0.00")
    elif isinstance(value, Rate):
        cell = WriteOnlyCell(ws, value=None if value.value is None else Decimal(value.value))
        cell.number_format = PERCENT_FORMAT
    elif isinstance(value, dt.datetime):
        cell = WriteOnlyCell(ws, value=value.replace(tzinfo=None))
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
    elif value is None or isinstance(value, (bool, int, float, Decimal)):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** 15:
            value = str(value)  # Excel keeps 15 digits: a longer number would be changed
        cell = WriteOnlyCell(ws, value=value)
    else:
        text = _CONTROL.sub("", str(value))[:32_767]
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"  # never a formula, whatever it begins with
        if needs_neutralising(text):
            cell.quotePrefix = True
    return cell


def write_table(path, header: list[str], rows: Iterable, sheet: str = "Data",
                xlsx_row: Callable[[list], list] | None = None, field: str = "out",
                progress: Callable[[int], None] | None = None) -> int:
    """Write ``rows`` under ``header``; return the number of rows written.

    Values may be text, int, Decimal, date, datetime, ``Money`` or ``Rate``. ``xlsx_row`` may
    turn a row's texts into numbers for the spreadsheet; CSV gets the rows as they are.
    ``progress(rows written)`` is called every 1,000 rows.
    """
    path = check_table_path(path, field)
    count = 0
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([csv_cell(h) for h in header])
            for row in rows:
                writer.writerow([csv_cell(v) for v in row])
                count += 1
                if progress and count % 1000 == 0:
                    progress(count)
        return count
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    title = re.sub(r"[\[\]:*?/\\]", "-", _CONTROL.sub("", sheet))[:31] or "Data"
    ws = book.create_sheet(title)
    ws.append([_xlsx_cell(ws, h) for h in header])
    for row in rows:
        values = xlsx_row(list(row)) if xlsx_row else list(row)
        ws.append([_xlsx_cell(ws, v) for v in values])
        count += 1
        if progress and count % 1000 == 0:
            progress(count)
    book.save(str(path))
    return count
