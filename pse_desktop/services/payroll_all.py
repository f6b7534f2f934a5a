"""Imported at login: declares the payroll area's permissions and settings."""

from . import payroll, payroll_extras, payroll_run, timesheets, workers  # noqa: F401
