"""Opening the database for the window, so views never import the db package."""

from ...db import DatabaseRefused, OpenResult, Target, init_database, resolve_target

__all__ = ["DatabaseRefused", "OpenResult", "Target", "open_database", "resolve_target"]


def open_database(target: Target) -> OpenResult:
    """Open (creating when missing) and upgrade the database; raise DatabaseRefused if unusable."""
    return init_database(target)
