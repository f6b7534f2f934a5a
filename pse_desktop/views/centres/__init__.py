"""Screens of the centres area."""
