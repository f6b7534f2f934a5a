"""What the production screens share: printing a PDF off the Tk thread, small formatting."""

from __future__ import annotations

import datetime as dt

from ...i18n import _
from ...services.common.errors import PseError
from ..common.base import BackgroundTask


def save_document(screen, default_name: str, build, render, on_status=None):
    """Build the document's data now (a service call), ask where to save it, then draw the PDF
    in the background; return the task (None when the user gave no file or the build failed)."""
    say = on_status or screen.ctx.status
    try:
        data = build()
    except PseError as exc:
        screen.ctx.inform(screen, _("Cannot print"), str(exc))
        return None
    path = screen.ctx.choose_file(screen, "save", title=_("Save PDF"), initialfile=default_name,
                                  defaultextension=".pdf", filetypes=[(_("PDF files"), "*.pdf")])
    if not path:
        return None
    say(_("Writing {name}...").format(name=path))
    task = BackgroundTask(screen, lambda progress: render(data, path),
                          on_done=lambda p: say(_("Saved {name}").format(name=p)),
                          on_error=lambda exc: screen.ctx.inform(screen, _("Cannot print"), str(exc)))
    screen.last_task = task
    return task.start()


def parse_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
