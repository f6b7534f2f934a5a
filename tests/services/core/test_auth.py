import datetime as dt

import pytest

from pse_desktop.db.core import User
from pse_desktop.services.core import auth, users
from pse_desktop.services.common.errors import ValidationError


def test_password_hash_is_salted_scrypt_and_verifies():
    h1, h2 = auth.hash_password("correct horse"), auth.hash_password("correct horse")
    assert h1.startswith("scrypt$") and h1 != h2
    assert "correct horse" not in h1
    assert auth.verify_password("correct horse", h1)
    assert not auth.verify_password("wrong horse", h1)
    assert not auth.verify_password("x", "garbage")


def test_login_success_returns_actor_with_centres(admin, make_user):
    from pse_desktop.services.core import places

    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    actor = make_user("sophea", "centre_staff", centres=["STM"])
    assert actor.role == "centre_staff" and len(actor.centre_ids) == 1
    assert User.get(User.username == "sophea").last_login_at is not None


def test_failed_logins_slow_down_then_succeed_after_the_wait(admin):
    t0 = dt.datetime(2026, 11, 25, 9, 0, 0)
    for i in range(auth.FREE_FAILURES - 1):
        with pytest.raises(auth.LoginFailed) as info:
            auth.authenticate("admin", "wrong-pass", now=t0)
        assert info.value.wait_seconds == 0
    with pytest.raises(auth.LoginFailed) as info:
        auth.authenticate("admin", "wrong-pass", now=t0)
    assert info.value.wait_seconds == 5
    # Even the right password is refused during the wait, and says how long.
    with pytest.raises(auth.LoginFailed, match="Try again in"):
        auth.authenticate("admin", "admin-pass", now=t0 + dt.timedelta(seconds=2))
    with pytest.raises(auth.LoginFailed) as info:
        auth.authenticate("admin", "wrong-pass", now=t0 + dt.timedelta(seconds=6))
    assert info.value.wait_seconds == 10
    actor = auth.authenticate("admin", "admin-pass", now=t0 + dt.timedelta(seconds=17))
    assert actor.username == "admin"
    assert User.get(User.username == "admin").failed_logins == 0


def test_wait_is_capped():
    assert auth.wait_after(50) == auth.MAX_WAIT_SECONDS


def test_unknown_user_gets_the_same_message(admin):
    with pytest.raises(auth.LoginFailed, match="Wrong user name or password"):
        auth.authenticate("nobody", "whatever-pass")


def test_deactivated_user_cannot_log_in(admin, make_user):
    actor = make_user("dara", "social_team")
    users.set_active(admin, actor.id, False)
    with pytest.raises(auth.LoginFailed, match="deactivated"):
        auth.authenticate("dara", "secret-pass")


def test_change_own_password(admin, make_user):
    actor = make_user("dara", "social_team")
    with pytest.raises(ValidationError) as info:
        auth.change_own_password(actor, "not-it-at-all", "new-secret-1")
    assert info.value.field == "current password"
    with pytest.raises(ValidationError) as info:
        auth.change_own_password(actor, "secret-pass", "short")
    assert info.value.field == "new password"
    auth.change_own_password(actor, "secret-pass", "new-secret-1")
    assert auth.authenticate("dara", "new-secret-1").username == "dara"


def test_first_admin_only_once(admin):
    from pse_desktop.services.common.errors import ConflictError

    with pytest.raises(ConflictError):
        users.create_first_admin("other", "", "another-pass")
