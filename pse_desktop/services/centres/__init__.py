"""The centres: children, families, groups, the calendar and the daily register.

Imported at login: declares the area's permissions and settings."""

from . import rules  # noqa: F401
