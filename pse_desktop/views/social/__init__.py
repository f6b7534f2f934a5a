"""Screens of the social team: caseload, family file, priority list, support, reports."""
