"""The workshop payroll area. Imported at login: declares its permissions and settings."""

from . import extras, months, run, timesheets, workers  # noqa: F401
