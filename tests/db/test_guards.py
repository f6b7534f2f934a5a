"""The append-only tables and the finalised-payroll locks hold on both engines, and are checked."""

import datetime as dt

import peewee
import pytest

from pse_desktop import cli
from pse_desktop.db import close_database, database, guards
from pse_desktop.db.core import AuditEntry
from pse_desktop.db.payroll import PayRun, Payslip
from pse_desktop.db.shop import StockMove
from pse_desktop.services.core import places


def test_every_declared_guard_is_installed(target):
    assert guards.guards()
    assert guards.missing(database.obj) == []


def test_audit_and_ledger_rows_are_never_changed(admin, target):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        with database.atomic():
            AuditEntry.update(summary="hidden").execute()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        with database.atomic():
            AuditEntry.delete().execute()
    if target.is_postgres:  # TRUNCATE runs no row trigger: a statement trigger refuses it
        with pytest.raises(peewee.IntegrityError, match="append-only"):
            with database.atomic():
                database.execute_sql("TRUNCATE audit_entry CASCADE")
    loc = places.save_shop(admin, None, "PP1", "Shop", "Phnom Penh")
    from pse_desktop.services.shop import locations
    locations.ensure_locations(admin)
    location_id = locations.list_locations()[0].id
    from pse_desktop.db.catalog import Product, ProductVariant
    p = Product.create(code="BAG", name_en="Bag", category="Bags", kind="handicraft")
    v = ProductVariant.create(product=p, code="BAG-1", price_usd_cents=100)
    StockMove.create(at=dt.datetime.now(), day=dt.date.today(), variant=v, location=location_id,
                     quantity=1, kind="receive")
    with pytest.raises(peewee.IntegrityError, match="never changed"):
        with database.atomic():
            StockMove.update(quantity=5).execute()
    assert loc


def test_a_finalised_payroll_run_is_locked(target):
    run = PayRun.create(month=dt.date(2026, 3, 1), status="draft", khr_per_usd=4000,
                        rates_from=dt.date(2026, 1, 1))
    with database.atomic():
        PayRun.update(status="final").where(PayRun.id == run.id).execute()
    with pytest.raises(peewee.IntegrityError, match="locked"):
        with database.atomic():
            PayRun.update(status="draft").where(PayRun.id == run.id).execute()
    with pytest.raises(peewee.IntegrityError, match="locked"):
        with database.atomic():
            PayRun.delete().where(PayRun.id == run.id).execute()
    assert Payslip.select().count() == 0


def test_check_fails_when_a_protection_was_removed(target, capsys):
    drop = ("DROP TRIGGER audit_entry_no_delete ON audit_entry" if target.is_postgres
            else "DROP TRIGGER audit_entry_no_delete")
    database.execute_sql(drop)
    close_database()
    assert cli.main(["--db", target.url, "check"]) == 1
    assert "audit_entry: audit_entry_no_delete" in capsys.readouterr().err
    close_database()
