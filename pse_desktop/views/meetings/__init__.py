"""Screens of the meetings area."""
