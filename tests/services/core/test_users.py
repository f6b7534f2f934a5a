"""Permissions are denied by default and checked inside the services, not just the window."""

import pytest

from pse_desktop.db.core import AuditEntry, Centre, User
from pse_desktop.services.core import audit, backup, places, settings, users
from pse_desktop.services.common import demo
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.core.permissions import Actor


@pytest.mark.parametrize("role", ["centre_staff", "social_team", "workshop_manager", "shop_staff"])
def test_non_admins_cannot_call_admin_services(admin, role):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    places.save_shop(admin, None, "PP1", "Shop", "Phnom Penh")
    actor = Actor(id=999, username="x", role=role, centre_ids=frozenset({1}),
                  shop_ids=frozenset({1}))
    before = (User.select().count(), Centre.select().count(), AuditEntry.select().count())
    calls = [
        lambda: users.create_user(actor, "eve", "", "admin", "secret-pass"),
        lambda: users.set_active(actor, admin.id, False),
        lambda: places.save_centre(actor, None, "NEW", "New", "Phnom Penh"),
        lambda: settings.set_values(actor, {"khr_per_usd": 4000}),
        lambda: audit.list_entries(actor),
        lambda: backup.make_backup(actor, None),
        lambda: demo.run(actor),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert (User.select().count(), Centre.select().count(), AuditEntry.select().count()) == before


def test_user_validation_names_the_field_and_writes_nothing(admin):
    count = User.select().count()
    cases = [
        (dict(username="", role="admin"), "user name"),
        (dict(username="bad name!", role="admin"), "user name"),
        (dict(username="x" * 41, role="admin"), "user name"),
        (dict(username="ok", role="wizard"), "role"),
        (dict(username="ok", role="centre_staff"), "centre"),
        (dict(username="ok", role="shop_staff"), "shop"),
        (dict(username="ok", role="admin", password="short"), "password"),
        (dict(username="admin", role="admin"), "user name"),
    ]
    for kw, field in cases:
        with pytest.raises(ValidationError) as info:
            users.create_user(admin, kw["username"], "", kw["role"], kw.get("password", "long-enough"))
        assert info.value.field == field, kw
    assert User.select().count() == count


def test_users_are_deactivated_never_deleted_and_last_admin_protected(admin, make_user):
    dara = make_user("dara", "social_team")
    users.set_active(admin, dara.id, False)
    assert User.get_by_id(dara.id).active is False
    with pytest.raises(ConflictError):
        users.set_active(admin, admin.id, False)
    with pytest.raises(ConflictError, match="last active admin"):
        users.update_user(admin, admin.id, "", "social_team")


# ------------------------------------------------------------------ properties
from hypothesis import given  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(username=HOSTILE, full_name=HOSTILE, password=HOSTILE)
def test_any_user_name_or_password(admin, username, full_name, password):
    refused_cleanly(lambda: users.create_user(admin, username, full_name, "admin", password),
                    "user name", "full name", "password", "role")
