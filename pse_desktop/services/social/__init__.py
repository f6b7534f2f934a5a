"""The social team's work with families: caseloads, surveys, priority, assessments, emergency
support. Imported at login: declares the area's permissions and settings."""

from . import rules  # noqa: F401
