"""Parent meetings and family follow-ups. Imported at login: declares their permissions and settings."""

from . import planning  # noqa: F401
