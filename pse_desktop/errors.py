"""The root of every error a user may be shown; it sits below every layer, so the database
layer can raise errors (someone else is saving, the data was replaced) that views already show."""


class PseError(Exception):
    """Base of every error a user may be shown."""
