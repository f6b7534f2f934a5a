"""Vocational training for parents and young adults: courses, selection, attendance, skills,
certificates, and what the courses led to. Imported at login: declares the area's permissions
and settings."""

from . import rules  # noqa: F401
