"""Imported at login: declares the shop's and the catalogue's permissions and settings."""

from . import catalog, shop  # noqa: F401
