"""The shop area. Imported at login: declares the shop's and the catalogue's permissions and settings."""

from . import catalog, locations  # noqa: F401
