"""Screens of the payroll area."""
