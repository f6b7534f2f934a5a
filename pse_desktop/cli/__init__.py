"""The command line, a layer above the services: ``main`` parses and runs; one module per area
adds its commands (``register(registry)``, named in ``areas.py``)."""

from .main import main

__all__ = ["main"]
