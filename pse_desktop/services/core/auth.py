"""Passwords and login: scrypt hashes, and a growing wait after repeated failures."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import unicodedata

from ...db import database
from ...db.core import User, UserCentre, UserShop
from . import audit
from ..common.errors import PseError, ValidationError
from .permissions import Actor, require
from ...i18n import _

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD_LENGTH = 8
FREE_FAILURES = 3
MAX_WAIT_SECONDS = 300


class LoginFailed(PseError):
    """Wrong name or password, or a wait is still running; ``wait_seconds`` says how long."""

    def __init__(self, message: str, wait_seconds: int = 0):
        super().__init__(message)
        self.wait_seconds = wait_seconds


def hash_password(password: str) -> str:
    """Return a salted scrypt hash in the form ``scrypt$n$r$p$salt$hash``."""
    salt = os.urandom(16)
    # NFC: the same Khmer or accented password typed on two keyboards gives the same hash
    digest = hashlib.scrypt(unicodedata.normalize("NFC", password).encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            maxmem=64 * 1024 * 1024)
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Return whether ``password`` matches the stored hash (its NFC form, or as typed for
    hashes made before passwords were normalised)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or not isinstance(password, str) or len(password) > 1000:
            return False
        for form in dict.fromkeys((unicodedata.normalize("NFC", password), password)):
            got = hashlib.scrypt(form.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                 p=int(p), maxmem=64 * 1024 * 1024)
            if hmac.compare_digest(got, base64.b64decode(digest)):
                return True
    except (ValueError, TypeError):
        return False
    return False


def check_new_password(password: str, field: str = "password") -> str:
    """Return the password if it is acceptable, else raise ValidationError."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(field, _("must be at least {MIN_PASSWORD_LENGTH} characters").format(MIN_PASSWORD_LENGTH=MIN_PASSWORD_LENGTH))
    if len(password) > 200:
        raise ValidationError(field, _("is too long (200 characters at most)"))
    if password.strip() != password:
        raise ValidationError(field, _("must not start or end with a space"))
    bad = next((c for c in password if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")), None)
    if bad is not None:
        raise ValidationError(field, _("holds a control or invalid character (U+{code})").format(code=f"{ord(bad):04X}"))
    return password


def wait_after(failures: int) -> int:
    """Return the seconds to wait after ``failures`` failures in a row."""
    if failures < FREE_FAILURES:
        return 0
    return min(5 * 2 ** (failures - FREE_FAILURES), MAX_WAIT_SECONDS)


def actor_for(user: User) -> Actor:
    """Return the Actor of a user row, with its centres and shops."""
    centres = frozenset(l.centre_id for l in UserCentre.select().where(UserCentre.user == user))
    shops = frozenset(l.shop_id for l in UserShop.select().where(UserShop.user == user))
    return Actor(user.id, user.username, user.role, centres, shops, user.full_name)


_DUMMY_HASH = None
# Unknown names have no row to count on; they are slowed down in memory.
_unknown_failures: dict[str, tuple[int, dt.datetime]] = {}


def authenticate(username: str, password: str, now: dt.datetime | None = None) -> Actor:
    """Return the Actor for a correct login, else raise LoginFailed (with a wait after repeats)."""
    global _DUMMY_HASH
    now = now or dt.datetime.now()
    username = (username or "").strip()
    user = User.get_or_none(User.username == username)
    if user is None:
        count, until = _unknown_failures.get(username, (0, now))
        if until > now:
            raise LoginFailed(_wait_text(until, now), int((until - now).total_seconds()) + 1)
        _DUMMY_HASH = _DUMMY_HASH or hash_password("not a password")
        verify_password(password or "", _DUMMY_HASH)  # same cost as a real check
        count += 1
        _unknown_failures[username] = (count, now + dt.timedelta(seconds=wait_after(count)))
        raise LoginFailed(_("Wrong user name or password."), wait_after(count))
    if user.locked_until and user.locked_until > now:
        raise LoginFailed(_wait_text(user.locked_until, now),
                          int((user.locked_until - now).total_seconds()) + 1)
    ok = verify_password(password or "", user.password_hash)
    if not ok:
        failures = user.failed_logins + 1
        wait = wait_after(failures)
        with database.atomic():  # committed before the refusal is raised
            User.update(failed_logins=failures,
                        locked_until=now + dt.timedelta(seconds=wait) if wait else None
                        ).where(User.id == user.id).execute()
            audit.record(Actor(user.id, user.username, user.role), "core", "login_failed", "user",
                         user.id, f"failed login #{failures}" + (f", wait {wait} s" if wait else ""))
        raise LoginFailed(_("Wrong user name or password."), wait)
    if not user.active:
        raise LoginFailed(_("This account has been deactivated. Ask an admin."))
    with database.atomic():
        User.update(failed_logins=0, locked_until=None, last_login_at=now).where(
            User.id == user.id).execute()
        actor = actor_for(user)
        audit.record(actor, "core", "login", "user", user.id, "logged in")
    return actor


def _wait_text(until: dt.datetime, now: dt.datetime) -> str:
    seconds = int((until - now).total_seconds()) + 1
    return f"Too many failed attempts. Try again in {seconds} seconds."


def change_own_password(actor: Actor, old_password: str, new_password: str) -> None:
    """Change the actor's own password after checking the old one."""
    require(actor, "account.password")
    user = User.get_or_none(User.id == actor.id)
    if user is None:
        raise ValidationError("user", _("only a user of this database can change a password"))
    if not verify_password(old_password or "", user.password_hash):
        raise ValidationError("current password", _("is not correct"))
    check_new_password(new_password, "new password")
    if new_password == old_password:
        raise ValidationError("new password", _("must differ from the current one"))
    with database.atomic():
        User.update(password_hash=hash_password(new_password)).where(User.id == user.id).execute()
        audit.record(actor, "core", "change_password", "user", user.id, "changed own password")
