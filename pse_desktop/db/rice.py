"""Monthly rice for the families whose children go to school: designations, the entitlement
rule, the month's list (locked once final), corrections, collections, and the rice stock as an
append-only ledger with counts.

Quantities are whole grams (integers), shown as kilograms. A final month's list and its lines
are refused any change by the database itself (triggers on SQLite and PostgreSQL); a correction
is a new row that points to the line it corrects.
"""

import datetime as dt

import peewee as pw

from . import guards
from .base import BaseModel
from .centres import Family
from .core import AuditEntry, Centre, User
from .migrations import migration

AREA = "rice"


class Designation(BaseModel):
    """A family receives rice from ``from_month`` until ``until_month`` (None: still)."""

    family = pw.ForeignKeyField(Family, backref="+", on_delete="CASCADE")
    from_month = pw.DateField()  # the first day of the month
    until_month = pw.DateField(null=True)  # the first day of the last month
    reason = pw.CharField(max_length=300)
    decided_by = pw.ForeignKeyField(User, backref="+")
    decided_at = pw.DateTimeField(default=dt.datetime.now)
    end_reason = pw.CharField(max_length=300, default="")

    class Meta:
        table_name = "rice_designation"
        # Version 1's index; version 2 makes the pair unique and allows one open designation
        # per family (partial unique indexes, see _v2): kept here as version 1 made it, so that
        # an older database can still be built for the upgrade tests.
        indexes = ((("family", "from_month"), False),)


class Rule(BaseModel):
    effective_from = pw.DateField(unique=True)  # the first day of a month
    base_g = pw.IntegerField()
    per_child_g = pw.IntegerField()
    max_g = pw.IntegerField()
    note = pw.CharField(max_length=200, default="")
    created_by = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        table_name = "rice_rule"


class MonthList(BaseModel):
    month = pw.DateField(unique=True)  # the first day of the month
    status = pw.CharField(max_length=8, default="draft")  # draft, final
    finalised_at = pw.DateTimeField(null=True)
    finalised_by = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        table_name = "rice_list"


class Line(BaseModel):
    """One designated family on a month's list."""

    month_list = pw.ForeignKeyField(MonthList, backref="lines", column_name="list_id")
    family = pw.ForeignKeyField(Family, backref="+")
    centre = pw.ForeignKeyField(Centre, null=True, backref="+")
    children = pw.IntegerField()
    attendance_permille = pw.IntegerField(null=True)  # None: no mark that month
    due_g = pw.IntegerField()
    flagged = pw.BooleanField(default=False)
    decision = pw.CharField(max_length=8, default="")  # "", give, reduce, hold
    kg_g = pw.IntegerField()  # what the family is to receive
    reason = pw.CharField(max_length=300, default="")
    decided_by = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        table_name = "rice_line"
        indexes = ((("month_list", "family"), True),)


class Correction(BaseModel):
    """A change to a final list's line: the new quantity and why; the line itself never changes."""

    line = pw.ForeignKeyField(Line, backref="corrections")
    kg_g = pw.IntegerField()
    reason = pw.CharField(max_length=300)
    by = pw.ForeignKeyField(User, backref="+")
    at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "rice_correction"


class Collection(BaseModel):
    """What happened on distribution day for one line."""

    line = pw.ForeignKeyField(Line, backref="+", unique=True)
    status = pw.CharField(max_length=10)  # collected, proxy, no_show
    proxy_name = pw.CharField(max_length=80, default="")
    kg_g = pw.IntegerField(default=0)
    recorded_by = pw.ForeignKeyField(User, backref="+")
    recorded_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "rice_collection"


class Move(BaseModel):
    """The rice ledger: every receipt, transfer, hand-out and count difference, never edited.
    ``centre`` None is the store (head office); stock is the sum of the moves."""

    centre = pw.ForeignKeyField(Centre, null=True, backref="+")
    day = pw.DateField()
    kind = pw.CharField(max_length=12)  # received, transfer, distribution, count, undo
    kg_g = pw.BigIntegerField()
    supplier = pw.CharField(max_length=80, default="")
    price_riel_per_kg = pw.IntegerField(null=True)
    ref = pw.CharField(max_length=40, default="")
    note = pw.CharField(max_length=200, default="")
    by = pw.ForeignKeyField(User, backref="+")
    at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "rice_move"
        indexes = ((("centre", "day"), False), (("kind", "day"), False))


class Count(BaseModel):
    centre = pw.ForeignKeyField(Centre, null=True, backref="+")
    day = pw.DateField()
    expected_g = pw.BigIntegerField()
    counted_g = pw.BigIntegerField()
    by = pw.ForeignKeyField(User, backref="+")
    at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "rice_count"


class StockPlace(BaseModel):
    """A row per place that holds rice (0: the store, else the centre's id). Every stock write
    locks its place's row first (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's writer holds
    the write lock already), so two writers of one place go one after the other and the second
    sums the ledger with the first's moves in it before it checks the balance."""

    place = pw.IntegerField(unique=True)

    class Meta:
        table_name = "rice_stock_place"


MODELS_V1 = [Designation, Rule, MonthList, Line, Correction, Collection, Move, Count]

_FINAL = "a final rice list is locked: correct it with a new record"
_LOCKS = {
    "rice_list_final_no_update": "BEFORE UPDATE ON rice_list WHEN OLD.status = 'final'",
    "rice_list_final_no_delete": "BEFORE DELETE ON rice_list WHEN OLD.status = 'final'",
    "rice_line_final_no_insert": "BEFORE INSERT ON rice_line WHEN (SELECT status FROM rice_list "
                                 "WHERE id = NEW.list_id) = 'final'",
    "rice_line_final_no_update": "BEFORE UPDATE ON rice_line WHEN (SELECT status FROM rice_list "
                                 "WHERE id = OLD.list_id) = 'final'",
    "rice_line_final_no_delete": "BEFORE DELETE ON rice_line WHEN (SELECT status FROM rice_list "
                                 "WHERE id = OLD.list_id) = 'final'",
}
guards.declare(AREA, guards.from_clauses(_LOCKS, _FINAL))
guards.declare(AREA, guards.append_only(["rice_move", "rice_correction", "rice_count"]))


@migration(AREA, 1, "rice designations, rule, monthly lists, collections, stock ledger")
def _v1(db):
    db.create_tables(MODELS_V1)
    guards.install(db, AREA)
    Rule.create(effective_from=dt.date(2020, 1, 1), base_g=10_000, per_child_g=5_000,
                max_g=30_000, note="10 kg a family and 5 kg a child, at most 30 kg")


#: A family has at most one designation from a month, and at most one still open: two people
#: designating a family at the same moment cannot both succeed, on either engine.
DESIGNATION_INDEXES = (
    "CREATE UNIQUE INDEX IF NOT EXISTS rice_designation_family_month "
    "ON rice_designation (family_id, from_month)",
    "CREATE UNIQUE INDEX IF NOT EXISTS rice_designation_one_open "
    "ON rice_designation (family_id) WHERE until_month IS NULL",
)


@migration(AREA, 2, "one rice designation per family at a time (overlapping ones merged); "
                    "stock places locked by every stock write")
def _v2(db):
    merge_overlapping_designations()
    db.execute_sql("DROP INDEX IF EXISTS rice_designation_family_id_from_month")
    for sql in DESIGNATION_INDEXES:
        db.execute_sql(sql)
    db.create_tables([StockPlace])


def merge_overlapping_designations() -> list[str]:
    """Merge the designations of a family whose months overlap (two people designated it at
    the same moment before version 2) into the earliest one; return what was merged.

    The kept designation covers the months of both (open if either was), so the lists made
    from them stay as they were; the reasons are kept together, and each merge is written in
    the audit log."""
    rows = (Designation.select(Designation.id, Designation.family, Designation.from_month,
                               Designation.until_month, Designation.reason,
                               Designation.end_reason, Family.code.alias("family_code"),
                               User.username.alias("decided_by_name"))
            .join(Family, on=Designation.family == Family.id)
            .switch(Designation).join(User, on=Designation.decided_by == User.id)
            .order_by(Designation.family, Designation.from_month, Designation.id).objects())
    merged, kept = [], None
    for row in rows:
        if kept is None or kept.family_id != row.family_id or not _overlap(kept, row):
            kept = row
            continue
        until = (None if kept.until_month is None or row.until_month is None
                 else max(kept.until_month, row.until_month))
        end_reason = "" if until is None else (
            kept.end_reason if until == kept.until_month else row.end_reason)
        reason = kept.reason if row.reason in kept.reason else f"{kept.reason}; {row.reason}"
        kept.until_month, kept.end_reason, kept.reason = until, end_reason, reason[:300]
        (Designation.update(until_month=until, end_reason=end_reason, reason=kept.reason)
         .where(Designation.id == kept.id).execute())
        Designation.delete().where(Designation.id == row.id).execute()
        text = (f"{row.family_code}: the designation from {row.from_month:%Y-%m} "
                f"(by {row.decided_by_name}: {row.reason}) overlapped the one from "
                f"{kept.from_month:%Y-%m} and was merged into it: rice from "
                f"{kept.from_month:%Y-%m} " + (f"to {until:%Y-%m}" if until else "on"))
        AuditEntry.create(user=None, username="upgrade", area=AREA, action="merge",
                          entity="family", entity_id=str(row.family_id), summary=text)
        merged.append(text)
    return merged


def _overlap(first: Designation, second: Designation) -> bool:
    """Whether ``second`` (starting no earlier) begins before ``first`` ends."""
    return first.until_month is None or second.from_month <= first.until_month
