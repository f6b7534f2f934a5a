"""Foundation tables: centres, shops, settings, users and their ties, the audit log."""

import datetime as dt

import peewee as pw

from .base import BaseModel
from .migrations import expect_triggers, migration

AREA = "core"


class Centre(BaseModel):
    code = pw.CharField(max_length=10, unique=True)
    name = pw.CharField(max_length=80)
    area = pw.CharField(max_length=20)  # "Phnom Penh" or "Sihanoukville"
    active = pw.BooleanField(default=True)


class Shop(BaseModel):
    code = pw.CharField(max_length=10, unique=True)
    name = pw.CharField(max_length=80)
    place = pw.CharField(max_length=80, default="")
    country = pw.CharField(max_length=2, default="KH")
    active = pw.BooleanField(default=True)


class Setting(BaseModel):
    key = pw.CharField(max_length=60, primary_key=True)
    value = pw.TextField()
    updated_at = pw.DateTimeField(default=dt.datetime.now)
    updated_by = pw.CharField(max_length=60, default="")


class User(BaseModel):
    username = pw.CharField(max_length=40, unique=True)
    full_name = pw.CharField(max_length=80, default="")
    role = pw.CharField(max_length=20)
    password_hash = pw.CharField(max_length=255)
    active = pw.BooleanField(default=True)
    failed_logins = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)
    last_login_at = pw.DateTimeField(null=True)
    created_at = pw.DateTimeField(default=dt.datetime.now)


class UserCentre(BaseModel):
    user = pw.ForeignKeyField(User, backref="centre_links", on_delete="CASCADE")
    centre = pw.ForeignKeyField(Centre, backref="user_links")

    class Meta:
        indexes = ((("user", "centre"), True),)


class UserShop(BaseModel):
    user = pw.ForeignKeyField(User, backref="shop_links", on_delete="CASCADE")
    shop = pw.ForeignKeyField(Shop, backref="user_links")

    class Meta:
        indexes = ((("user", "shop"), True),)


class AuditEntry(BaseModel):
    at = pw.DateTimeField(default=dt.datetime.now, index=True)
    user = pw.ForeignKeyField(User, null=True, backref="audit_entries")
    username = pw.CharField(max_length=60)
    area = pw.CharField(max_length=20)
    action = pw.CharField(max_length=40)
    entity = pw.CharField(max_length=40)
    entity_id = pw.CharField(max_length=40, default="")
    summary = pw.TextField(default="")

    class Meta:
        indexes = ((("area", "at"), False),)


CORE_V1 = [Centre, Setting, User, UserCentre, AuditEntry]


expect_triggers(AREA, 1, ("audit_entry_no_update", "audit_entry_no_delete"))


@migration(AREA, 1, "centres, settings, users, audit log")
def _v1(db):
    db.create_tables(CORE_V1)
    if isinstance(db, pw.SqliteDatabase):
        # The audit log is append-only, even for someone with a SQLite shell.
        for op in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS audit_entry_no_{op.lower()} BEFORE {op} "
                "ON audit_entry BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            )
    elif isinstance(db, pw.PostgresqlDatabase):
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql")
        db.execute_sql(
            "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()")


@migration(AREA, 2, "shops and shop staff")
def _v2(db):
    db.create_tables([Shop, UserShop])
