"""Screens of the production area."""
