"""Foundation tables: unique codes and user names, links removed with their user, an audit log
that the database itself keeps append-only."""

import datetime as dt

import peewee
import pytest

from pse_desktop.db import database
from pse_desktop.db.core import AuditEntry, Centre, Shop, User, UserCentre


def test_codes_and_user_names_are_unique(target):
    Centre.create(code="STM", name="Stung Meanchey", area="Phnom Penh")
    Shop.create(code="PP1", name="PSE Shop")
    User.create(username="sophea", role="centre_staff", password_hash="x")
    for model, values in ((Centre, dict(code="STM", name="Again", area="Phnom Penh")),
                          (Shop, dict(code="PP1", name="Again")),
                          (User, dict(username="sophea", role="admin", password_hash="y"))):
        with pytest.raises(peewee.IntegrityError):
            with database.atomic():
                model.create(**values)
    assert (Centre.select().count(), Shop.select().count(), User.select().count()) == (1, 1, 1)
    assert Shop.get().country == "KH" and Centre.get().active is True


def test_a_user_is_tied_once_to_a_centre_and_the_ties_go_with_the_user(target):
    stm = Centre.create(code="STM", name="Stung Meanchey", area="Phnom Penh")
    user = User.create(username="sophea", role="centre_staff", password_hash="x")
    UserCentre.create(user=user, centre=stm)
    with pytest.raises(peewee.IntegrityError):
        with database.atomic():
            UserCentre.create(user=user, centre=stm)
    user.delete_instance()
    assert UserCentre.select().count() == 0


def test_the_audit_log_refuses_updates_and_deletes(target):
    entry = AuditEntry.create(at=dt.datetime(2026, 3, 1, 9), username="admin", area="core",
                              action="create", entity="centre", entity_id="1", summary="centre STM")
    for statement in (AuditEntry.update(summary="changed"), AuditEntry.delete()):
        with pytest.raises(peewee.IntegrityError, match="append-only"):
            statement.execute()
    assert AuditEntry.get_by_id(entry.id).summary == "centre STM"
