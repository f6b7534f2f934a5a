"""Permissions are data, the default is deny, and centre and shop staff are scoped to theirs."""

import pytest

from pse_desktop.services.common.errors import PermissionDenied
from pse_desktop.services.core.permissions import (
    ACTIONS, GRANTS, ROLES, Actor, can, cli_actor, register_actions, require)


def test_unknown_action_and_no_actor_are_denied(admin):
    with pytest.raises(PermissionDenied):
        require(admin, "no.such.action")
    assert not can(None, "admin.users")


def test_centre_scope(admin):
    staff = Actor(id=5, username="s", role="centre_staff", centre_ids=frozenset({1}))
    assert can(staff, "account.password")
    from pse_desktop.services.core.permissions import register_actions

    register_actions({"test.mark": "test"}, {"centre_staff": ["test.mark"]})
    assert can(staff, "test.mark", centre_id=1)
    assert not can(staff, "test.mark", centre_id=2)
    with pytest.raises(PermissionDenied, match="not for this centre"):
        require(staff, "test.mark", centre_id=2)

def test_shop_staff_only_for_their_shops_and_admins_everywhere():
    register_actions({"test.sell": "test"}, {"shop_staff": ["test.sell"]})
    vanna = Actor(id=6, username="v", role="shop_staff", shop_ids=frozenset({3}))
    assert can(vanna, "test.sell", shop_id=3)
    with pytest.raises(PermissionDenied, match="not for this shop") as info:
        require(vanna, "test.sell", shop_id=4)
    assert info.value.action == "test.sell"
    assert not can(Actor(id=7, username="d", role="social_team"), "test.sell")
    boss = Actor(id=1, username="a", role="admin")
    assert boss.is_admin and can(boss, "test.sell", shop_id=4) and can(boss, "admin.users")


def test_register_actions_refuses_unknown_roles_and_actions():
    with pytest.raises(ValueError, match="unknown role"):
        register_actions({"test.x": "x"}, {"wizard": ["test.x"]})
    with pytest.raises(ValueError, match="unknown actions"):
        register_actions({}, {"centre_staff": ["test.never.declared"]})
    assert "test.never.declared" not in GRANTS["centre_staff"]


def test_every_role_may_change_its_password_and_only_admins_hold_admin_actions():
    for role in ROLES:
        assert "account.password" in GRANTS[role]
        assert not any(a.startswith("admin.") for a in GRANTS[role])
    assert all(ACTIONS[a] for a in ACTIONS)


def test_the_command_line_acts_as_admin_under_its_login_name():
    actor = cli_actor()
    assert actor.id is None and actor.role == "admin"
    assert actor.username.startswith("cli:")
