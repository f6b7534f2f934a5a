"""What the production screens share: printing a PDF off the Tk thread, small formatting."""

from __future__ import annotations

import datetime as dt

from ...i18n import _
from ...services.common.errors import PseError
from ..common.documents import make_document
from ..common.dates import parse_date


def save_document(screen, default_name: str, build, render):
    """Build the document's data now (a service call), then save, open and offer to print it
    with the kit's helper; return the task (None when the user gave no file or the build failed)."""
    try:
        data = build()
    except PseError as exc:
        screen.ctx.inform(screen, _("Cannot print"), str(exc))
        return None
    return make_document(screen, default_name, lambda path: render(data, path))


parse_day = parse_date  # the kit's one date reader


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
