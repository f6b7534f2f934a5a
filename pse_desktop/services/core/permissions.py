"""Named actions, the roles that hold them, and the checks at the top of every service write.

Permissions are data and the default is deny: an action nobody granted is refused to all
but admins. Areas add their own actions with ``register_actions``.
"""

from __future__ import annotations

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

#: action -> help text
ACTIONS: dict[str, str] = {}
#: role -> set of actions
GRANTS: dict[str, set[str]] = {role: set() for role in ROLES}
#: a role that holds every action of other roles, besides its own
ROLE_INCLUDES: dict[str, tuple[str, ...]] = {"social_lead": ("social_team",)}


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
        "admin.users": "Add, edit and deactivate users",
        "admin.centres": "Add and edit centres and shops",
        "admin.settings": "Change settings",
        "admin.audit": "Read the audit log",
        "admin.backup": "Make backups and restore the database",
        "admin.demo": "Fill a new database with demo data",
        "account.password": "Change one's own password",
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


def can(actor: Actor | None, action: str, *, centre_id: int | None = None,
        shop_id: int | None = None) -> bool:
    """Return whether ``actor`` may do ``action`` (for that centre or shop, when given)."""
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
    if not can(actor, action, centre_id=centre_id, shop_id=shop_id):
        where = ""
        if centre_id is not None:
            where = "not for this centre"
        elif shop_id is not None:
            where = "not for this shop"
        raise PermissionDenied(action, where)
