"""The workshop production area. Imported at login: declares its permissions and settings."""

from . import materials, orders, output, uniforms  # noqa: F401
