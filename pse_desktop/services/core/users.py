"""Users: the first admin, adding, editing, deactivating (never deleting), password resets."""

from __future__ import annotations

from dataclasses import dataclass

from ...db import database
from ...db.core import Centre, Shop, User, UserCentre, UserShop
from . import audit
from ..common import validate
from .auth import check_new_password, hash_password
from ..common.errors import ConflictError, NotFound, ValidationError
from .permissions import ROLES, Actor, require
from ...i18n import _


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    role: str
    active: bool
    centre_codes: tuple[str, ...]
    shop_codes: tuple[str, ...]
    last_login_at: object


def has_users() -> bool:
    """Return whether any user exists (no users means the first-run screen)."""
    return User.select().exists()


def _info(user: User) -> UserInfo:
    centres = tuple(sorted(l.centre.code for l in UserCentre.select(UserCentre, Centre)
                           .join(Centre).where(UserCentre.user == user)))
    shops = tuple(sorted(l.shop.code for l in UserShop.select(UserShop, Shop)
                         .join(Shop).where(UserShop.user == user)))
    return UserInfo(user.id, user.username, user.full_name, user.role, user.active, centres,
                    shops, user.last_login_at)


def list_users(actor: Actor, include_inactive: bool = True) -> list[UserInfo]:
    require(actor, "admin.users")
    query = User.select().order_by(User.active.desc(), User.username)
    if not include_inactive:
        query = query.where(User.active == True)  # noqa: E712
    return [_info(u) for u in query]


def get_user(actor: Actor, user_id: int) -> UserInfo:
    require(actor, "admin.users")
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise NotFound(_("user {user_id}").format(user_id=user_id))
    return _info(user)


def _clean(username, full_name, role, centre_codes, shop_codes):
    username = validate.text("user name", username, 40)
    if not all(c.isalnum() or c in "._-" for c in username):
        raise ValidationError("user name", _("may only hold letters, digits, '.', '_' and '-'"))
    full_name = validate.name("full name", full_name, 80, required=False)
    role = validate.choice("role", role, list(ROLES))
    centres = []
    for code in centre_codes or ():
        centre = Centre.get_or_none(Centre.code == str(code).strip().upper())
        if centre is None:
            raise ValidationError("centre", _("no centre with code {code!r}").format(code=code))
        centres.append(centre)
    shops = []
    for code in shop_codes or ():
        shop = Shop.get_or_none(Shop.code == str(code).strip().upper())
        if shop is None:
            raise ValidationError("shop", _("no shop with code {code!r}").format(code=code))
        shops.append(shop)
    if role == "centre_staff" and not centres:
        raise ValidationError("centre", _("centre staff must be tied to at least one centre"))
    if role == "shop_staff" and not shops:
        raise ValidationError("shop", _("shop staff must be tied to at least one shop"))
    if role != "centre_staff":
        centres = []
    if role != "shop_staff":
        shops = []
    return username, full_name, role, centres, shops


def _link(user, centres, shops):
    UserCentre.delete().where(UserCentre.user == user).execute()
    UserShop.delete().where(UserShop.user == user).execute()
    for centre in centres:
        UserCentre.create(user=user, centre=centre)
    for shop in shops:
        UserShop.create(user=user, shop=shop)


def create_first_admin(username: str, full_name: str, password: str) -> UserInfo:
    """Create the first admin; refused once any user exists."""
    from .permissions import cli_actor

    username, full_name, _r, _c, _s = _clean(username, full_name, "admin", (), ())
    check_new_password(password)
    with database.atomic():
        if has_users():
            raise ConflictError(_("The first admin exists already; log in instead."))
        user = User.create(username=username, full_name=full_name, role="admin",
                           password_hash=hash_password(password))
        first = Actor(user.id, user.username, "admin")
        audit.record(first, "core", "create", "user", user.id,
                     f"first admin {username} created (by {cli_actor().username})")
    return _info(user)


def create_user(actor: Actor, username: str, full_name: str, role: str, password: str,
                centre_codes=(), shop_codes=()) -> UserInfo:
    require(actor, "admin.users")
    username, full_name, role, centres, shops = _clean(username, full_name, role, centre_codes,
                                                       shop_codes)
    check_new_password(password)
    with database.atomic():
        if User.select().where(User.username == username).exists():
            raise ValidationError("user name", _("{username!r} is taken").format(username=username))
        user = User.create(username=username, full_name=full_name, role=role,
                           password_hash=hash_password(password))
        _link(user, centres, shops)
        where = ", ".join(c.code for c in centres) or ", ".join(s.code for s in shops)
        audit.record(actor, "core", "create", "user", user.id,
                     f"user {username} ({role}{' ' + where if where else ''})")
    return _info(user)


def update_user(actor: Actor, user_id: int, full_name: str, role: str, centre_codes=(),
                shop_codes=()) -> UserInfo:
    require(actor, "admin.users")
    with database.atomic():
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFound(_("user {user_id}").format(user_id=user_id))
        before = _info(user)
        _u, full_name, role, centres, shops = _clean(user.username, full_name, role, centre_codes,
                                                    shop_codes)
        if user.role == "admin" and role != "admin":
            _refuse_last_admin(user)
        user.full_name, user.role = full_name, role
        user.save()
        _link(user, centres, shops)
        after = _info(user)
        audit.record(actor, "core", "update", "user", user.id, audit.describe_changes(
            {"full name": before.full_name, "role": before.role, "centres": before.centre_codes,
             "shops": before.shop_codes},
            {"full name": after.full_name, "role": after.role, "centres": after.centre_codes,
             "shops": after.shop_codes}))
    return after


def _refuse_last_admin(user: User) -> None:
    others = User.select().where((User.role == "admin") & (User.active == True)  # noqa: E712
                                 & (User.id != user.id)).count()
    if not others:
        raise ConflictError(_("This is the last active admin; make another admin first."))


def set_active(actor: Actor, user_id: int, active: bool) -> UserInfo:
    """Activate or deactivate a user; users are never deleted so history keeps their name."""
    require(actor, "admin.users")
    with database.atomic():
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFound(_("user {user_id}").format(user_id=user_id))
        if not active and user.role == "admin":
            _refuse_last_admin(user)
        if not active and user.id == actor.id:
            raise ConflictError(_("You cannot deactivate yourself."))
        user.active = bool(active)
        user.save()
        audit.record(actor, "core", "activate" if active else "deactivate", "user", user.id,
                     f"user {user.username} {'activated' if active else 'deactivated'}")
    return _info(user)


def disable_by_name(actor: Actor, username: str) -> UserInfo:
    require(actor, "admin.users")
    user = User.get_or_none(User.username == username)
    if user is None:
        raise NotFound(_("There is no user named {username!r}.").format(username=username))
    return set_active(actor, user.id, False)


def reset_password(actor: Actor, user_id: int, new_password: str) -> None:
    """Set a user's password (admin), and lift any login wait."""
    require(actor, "admin.users")
    check_new_password(new_password, "new password")
    with database.atomic():
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFound(_("user {user_id}").format(user_id=user_id))
        User.update(password_hash=hash_password(new_password), failed_logins=0,
                    locked_until=None).where(User.id == user.id).execute()
        audit.record(actor, "core", "reset_password", "user", user.id,
                     f"password of {user.username} reset")
