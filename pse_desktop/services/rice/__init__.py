"""Monthly rice for the families whose children go to school. Imported at login: declares the
area's permissions and settings."""

from . import rules  # noqa: F401
