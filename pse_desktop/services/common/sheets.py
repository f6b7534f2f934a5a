"""Reading a table from the files people really have: CSV in UTF-8 (with or without BOM) or a
Windows code page, Excel's "Unicode Text" (UTF-16, tabs), LibreOffice's semicolons, and XLSX.

Every problem with the file is one ValidationError on the field ``file`` whose message says what
to do; nothing else escapes (no csv.Error, BadZipFile, UnicodeDecodeError, MemoryError...).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .errors import ValidationError
from ...i18n import N_, _

MAX_BYTES = 20 * 1024 * 1024  # a children file of 3,000 families is well under 2 MB
MAX_ROWS = 50_000
MAX_CELL = 2_000  # characters in one cell
SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")

SAVE_AS_UTF8 = N_("Save it again as UTF-8: in Excel, File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'; in LibreOffice Calc, File > Save As > 'Text CSV (.csv)', tick 'Edit filter settings' and choose the character set 'Unicode (UTF-8)'")


@dataclass
class Sheet:
    """The rows of a file as texts, and how it was read (for the preview)."""

    rows: list[list[str]]
    encoding: str  # "utf-8", "utf-16", "cp1252", "xlsx"
    delimiter: str = ","

    @property
    def code_page(self) -> bool:
        return self.encoding.startswith("cp")


def _fail(message: str):
    raise ValidationError("file", message)


def read_sheet(path: str | Path) -> Sheet:
    """Return the rows of a .csv/.txt/.tsv or .xlsx file, or raise ValidationError('file', why)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        _fail(_("a {suffix} file cannot be read: save it from the spreadsheet as .xlsx or as 'CSV UTF-8'").format(suffix=suffix))
    if suffix not in SUFFIXES:
        _fail(_("is not a spreadsheet: choose a .csv, .txt or .xlsx file"))
    try:
        size = path.stat().st_size
    except OSError as exc:
        _fail(_("cannot be opened ({reason})").format(reason=exc.strerror or exc))
    if size > MAX_BYTES:
        _fail(_("is too large ({size} MB; {max} MB at most): split it in several files").format(
            size=size // (1024 * 1024), max=MAX_BYTES // (1024 * 1024)))
    if size == 0:
        _fail(_("is empty"))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        _fail(_("cannot be read ({reason})").format(reason=exc.strerror or exc))
    if suffix == ".xlsx":
        return _read_xlsx(raw)
    if raw.startswith(b"PK\x03\x04"):
        _fail(_("is an Excel workbook named {suffix}: rename it to .xlsx (or save it as 'CSV UTF-8')").format(suffix=suffix))
    if raw.startswith(b"%PDF") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        _fail(_("is not a text spreadsheet (a PDF or an old .xls file?): save it as .xlsx or 'CSV UTF-8'"))
    text, encoding = _decode(raw)
    return _read_text(text, encoding)


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            _fail(_("looks like 'Unicode Text' but is damaged: save it again"))
    if len(raw) >= 4 and raw[1::2][:50].count(0) > 20 and raw[0::2][:50].count(0) == 0:
        try:
            return raw.decode("utf-16-le"), "utf-16"  # UTF-16 without its BOM
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # bytes cp1252 leaves undefined: some other code page; latin-1 reads every byte
        return raw.decode("latin-1"), "cp1252"


def _read_text(text: str, encoding: str) -> Sheet:
    if "\x00" in text:
        _fail(_("is not a text spreadsheet (it holds NUL bytes): save it as .xlsx or 'CSV UTF-8'"))
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in ("\t", ";", ",")}
    delimiter = max(counts, key=lambda d: (counts[d], d == ","))
    if not counts[delimiter]:
        delimiter = ","
    old = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL)
    rows: list[list[str]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS:
                _fail(_("has more than {max} rows: split it in several files").format(max=MAX_ROWS))
    except csv.Error as exc:
        line = len(rows) + 1
        if "field larger" in str(exc):
            _fail(_("line {line} has a cell longer than {max} characters: is it the right file?").format(line=line, max=MAX_CELL))
        _fail(_("line {line} cannot be read ({reason}): check its quotes, or save the file again").format(line=line, reason=exc))
    finally:
        csv.field_size_limit(old)
    return Sheet(rows, encoding, delimiter)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return str(Decimal(repr(value)))
    return str(value)


def _read_xlsx(raw: bytes) -> Sheet:
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        _fail(_("is not a real .xlsx file (it may be a CSV or an old .xls renamed): open it in the spreadsheet and save it as .xlsx or 'CSV UTF-8'"))
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
        sheet = book.active
        rows = []
        for values in sheet.iter_rows(values_only=True):
            row = [_cell(v) for v in values]
            while row and row[-1] == "":
                row.pop()
            if any(len(c) > MAX_CELL for c in row):
                _fail(_("line {line} has a cell longer than {max} characters").format(line=len(rows) + 1, max=MAX_CELL))
            rows.append(row)
            if len(rows) > MAX_ROWS:
                _fail(_("has more than {max} rows: split it in several files").format(max=MAX_ROWS))
        book.close()
    except ValidationError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        _fail(_("cannot be read as a workbook ({reason}): open it in the spreadsheet and save it again as .xlsx").format(reason=type(exc).__name__))
    return Sheet(rows, "xlsx", "")


def header_key(text: str) -> str:
    """'Date de naissance ', 'BIRTH_DATE', 'birth-date' -> 'date de naissance', 'birth date'..."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = text.lower().replace("_", " ").replace("-", " ").replace("'", " ")
    text = "".join(c for c in text if c.isalnum() or c == " ")
    return " ".join(text.split())


def looks_like_formula(cell: str) -> bool:
    """A cell a spreadsheet would run: '=...', '@...', or '+'/'-' followed by a function or link.

    Phone numbers ('+855 12 345 678') and dates are not formulas.
    """
    if not cell:
        return False
    if cell[0] in "=@\t\r":
        return True
    return cell[0] in "+-" and any(c.isalpha() or c in "!|=" for c in cell[1:])
