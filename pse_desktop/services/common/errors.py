"""Domain exceptions raised by services and shown by views."""

from ...db.connection import DatabaseBusy, DataReplaced
from ...errors import PseError
from ...i18n import _
from .fields import field_label

__all__ = ["ConflictError", "DataReplaced", "DatabaseBusy", "NotFound", "PermissionDenied",
           "PseError", "ValidationError"]


class ValidationError(PseError):
    """Bad input: names the field and says what is wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field_label(field)}: {message}")
        self.field = field
        self.message = message


class PermissionDenied(PseError):
    """The user may not do this action (or not for this centre/shop)."""

    def __init__(self, action: str, detail: str = ""):
        text = _("You are not allowed to do this ({action})").format(action=action)
        super().__init__(f"{text}: {detail}" if detail else text)
        self.action = action


class MachineProblem(PseError):
    """The computer refused a write: read-only file or folder, full disk, file held elsewhere."""


class NotFound(PseError):
    """A record asked for does not exist."""


class ConflictError(PseError):
    """The action is refused by the state of the data (locked, closed, finalised...)."""
