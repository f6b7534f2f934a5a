"""The foundation: users, login, permissions, audit, settings, backups, centres and shops.

Imported at login: declares the core permissions."""

from . import permissions  # noqa: F401
