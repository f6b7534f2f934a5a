"""Imported at login: declares the production area's permissions and settings."""

from . import materials, production, production_output, production_uniforms  # noqa: F401
