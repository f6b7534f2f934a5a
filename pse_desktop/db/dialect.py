"""The few SQL expressions that differ between SQLite and PostgreSQL, in one place.

Everything else is written with peewee's portable expressions.
"""

from __future__ import annotations

import peewee as pw

from .connection import database


def is_postgres(db: pw.Database | None = None) -> bool:
    db = db if db is not None else database.obj
    return isinstance(db, pw.PostgresqlDatabase)


def year_month(field) -> pw.Node:
    """The month of a date as the integer YYYYMM."""
    if is_postgres():
        return pw.Cast(fn_to_char(field, "YYYYMM"), "INTEGER")
    return pw.Cast(pw.fn.strftime("%Y%m", field), "INTEGER")


def month_text(field) -> pw.Node:
    """The month of a date as the text 'YYYY-MM'."""
    if is_postgres():
        return fn_to_char(field, "YYYY-MM")
    return pw.fn.strftime("%Y-%m", field)


def fn_to_char(field, pattern: str) -> pw.Node:
    return pw.fn.to_char(field, pattern)


def count_if(condition) -> pw.Node:
    """SUM of a condition: how many rows match (SQLite sums booleans, PostgreSQL does not)."""
    return pw.fn.SUM(pw.Case(None, [(condition, 1)], 0))


def insert_rows(table: str, columns: list[str], rows: list[tuple]) -> None:
    """Insert many plain rows fast: COPY on PostgreSQL (psycopg2's executemany sends one
    statement per row), executemany on SQLite. Inside the caller's transaction."""
    cols = ", ".join(columns)
    cursor = database.cursor()
    if is_postgres():
        import io

        buf = io.StringIO("".join(",".join(map(_csv_field, row)) + "\n" for row in rows))
        cursor.copy_expert(f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv)", buf)
    else:
        marks = ", ".join("?" for _ in columns)
        cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)


def _csv_field(value) -> str:
    """A COPY csv field: NULL unquoted and empty, text always quoted (so '' stays text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return '"' + str(value).replace('"', '""') + '"'


def set_sequences(db: pw.Database, models) -> None:
    """After inserts with explicit ids: move each table's id sequence past its largest id."""
    if not is_postgres(db):
        return  # SQLite's rowid always continues after the largest id
    for model in models:
        pk = model._meta.primary_key
        if not isinstance(pk, pw.AutoField):
            continue
        table = model._meta.table_name
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk.column_name}'), "
            f"COALESCE((SELECT MAX(\"{pk.column_name}\") FROM \"{table}\"), 0) + 1, false)")
