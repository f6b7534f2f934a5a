"""Screens of the shop area."""
