"""Named actions, the roles that hold them, and the checks at the top of every service write.

Permissions are data and the default is deny: an action nobody granted is refused to all
but admins. Areas add their own actions with ``register_actions``.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field

from ..common.errors import PermissionDenied
from ...i18n import N_, _

ROLES = {
    "admin": N_("Admin: users, centres, settings, backups; may do everything"),
    "centre_staff": N_("Centre staff: children and attendance of their own centres, parent meetings"),
    "social_team": N_("Social team: follows families and absences across all centres"),
    "social_lead": N_("Social team leader: the social team's work, every caseload, approvals"),
    "workshop_manager": N_("Workshop manager: workers, time, payroll and production"),
    "shop_staff": N_("Shop staff: sales and stock of their own shops"),
}

#: role -> its short name, for lists and choices (shown through ``_()``)
ROLE_NAMES = {
    "admin": N_("Administrator"),
    "centre_staff": N_("Centre staff"),
    "social_team": N_("Social team"),
    "social_lead": N_("Social team leader"),
    "workshop_manager": N_("Workshop manager"),
    "shop_staff": N_("Shop staff"),
}

#: action -> help text (marked with ``N_``; shown through ``_()``)
ACTIONS: dict[str, str] = {}
#: role -> set of actions
GRANTS: dict[str, set[str]] = {role: set() for role in ROLES}
#: a role that holds every action of other roles, besides its own
ROLE_INCLUDES: dict[str, tuple[str, ...]] = {"social_lead": ("social_team",)}


def role_actions(role: str) -> list[str]:
    """The help texts (untranslated) of what ``role`` may do, by action name; admins: all."""
    names = ACTIONS if role == "admin" else GRANTS.get(role, ())
    return [ACTIONS[name] for name in sorted(names)]


def register_actions(actions: dict[str, str], grants: dict[str, list[str]]) -> None:
    """Declare actions with their help text and the non-admin roles that hold them."""
    ACTIONS.update(actions)
    for role, names in grants.items():
        if role not in ROLES:
            raise ValueError(f"unknown role {role}")
        unknown = set(names) - set(ACTIONS)
        if unknown:
            raise ValueError(f"unknown actions {sorted(unknown)}")
        GRANTS[role].update(names)
        for wider, included in ROLE_INCLUDES.items():
            if role in included:
                GRANTS[wider].update(names)


register_actions(
    {
        "admin.users": N_("Add, edit and deactivate users"),
        "admin.centres": N_("Add and edit centres and shops"),
        "admin.settings": N_("Change settings"),
        "admin.audit": N_("Read the audit log"),
        "admin.backup": N_("Make backups and restore the database"),
        "admin.demo": N_("Fill a new database with demo data"),
        "account.password": N_("Change one's own password"),
    },
    {role: ["account.password"] for role in ROLES},
)


@dataclass(frozen=True)
class Actor:
    """Who is acting: a logged-in user, or the command line acting as admin."""

    id: int | None
    username: str
    role: str
    centre_ids: frozenset[int] = field(default_factory=frozenset)
    shop_ids: frozenset[int] = field(default_factory=frozenset)
    full_name: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def cli_actor() -> Actor:
    """Return the actor for command-line use: whoever may open the file acts as admin."""
    import getpass

    try:
        who = getpass.getuser()
    except Exception:  # no login name on some service accounts
        who = "unknown"
    return Actor(id=None, username=f"cli:{who}", role="admin")


def fresh(actor: Actor | None) -> Actor | None:
    """Return the actor as the database has it now (role, centres, shops); None if deactivated.

    Read on every check, not kept from the login: deactivating a user or taking a shop away
    takes effect at the next service call of an open window.
    """
    if actor is None or actor.id is None:
        return actor
    from ...db import database

    if database.obj is None:  # no database open: nothing to read, keep what we were given
        return actor
    from ...db.core import User, UserCentre, UserShop

    row = User.select(User.role, User.active).where(User.id == actor.id).tuples().first()
    if row is None or not row[1]:
        return None
    centres = frozenset(c for (c,) in UserCentre.select(UserCentre.centre)
                        .where(UserCentre.user == actor.id).tuples())
    shops = frozenset(s for (s,) in UserShop.select(UserShop.shop)
                      .where(UserShop.user == actor.id).tuples())
    if (row[0], centres, shops) == (actor.role, actor.centre_ids, actor.shop_ids):
        return actor
    return dataclasses.replace(actor, role=row[0], centre_ids=centres, shop_ids=shops)


def can(actor: Actor | None, action: str, *, centre_id: int | None = None,
        shop_id: int | None = None) -> bool:
    """Return whether ``actor`` may do ``action`` (for that centre or shop, when given)."""
    return _allowed(fresh(actor), action, centre_id, shop_id)


def _allowed(actor: Actor | None, action: str, centre_id: int | None,
             shop_id: int | None) -> bool:
    if actor is None:
        return False
    if actor.is_admin:
        return True
    if action not in GRANTS.get(actor.role, ()):
        return False
    if centre_id is not None and actor.role == "centre_staff" and centre_id not in actor.centre_ids:
        return False
    if shop_id is not None and actor.role == "shop_staff" and shop_id not in actor.shop_ids:
        return False
    return True


def require(actor: Actor | None, action: str, *, centre_id: int | None = None,
            shop_id: int | None = None) -> None:
    """Raise PermissionDenied unless ``actor`` may do ``action``."""
    if action not in ACTIONS:
        raise PermissionDenied(action, _("unknown action"))
    now = fresh(actor)
    if actor is not None and now is None:
        raise PermissionDenied(action, _("this account is deactivated or gone; log in again"))
    if not _allowed(now, action, centre_id, shop_id):
        where = ""
        if centre_id is not None:
            where = _("not for this centre")
        elif shop_id is not None:
            where = _("not for this shop")
        raise PermissionDenied(action, where)


def internal(func):
    """Mark a writer that services call after their own check, inside their own transaction
    (the audit log, the stock ledgers): outside a transaction it refuses to run.

    Views cannot open a transaction (they never import the database), so such a writer cannot
    be used as a public function that checks nothing; the permission walk test skips it and
    checks this refusal instead.
    """

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        from ...db import database

        if database.obj is None or not database.in_transaction():
            raise PermissionDenied(f"{func.__module__}.{func.__name__}",
                                   "an internal writer runs only inside a service's transaction")
        return func(*args, **kwargs)

    guarded.internal = True
    return guarded
