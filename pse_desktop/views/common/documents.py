"""The one "make a document" helper: ask where to save, write in the background with progress on
the screen's message line, then open the file (or say where it is) and offer Print where the
system can print."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ...i18n import _
from ...services.common.errors import PseError
from .base import BackgroundTask


def open_document(path) -> bool:
    """Open a file in the system's viewer; return False when this computer has none."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # noqa: S606 - the user's own file
            return True
        command = "open" if sys.platform == "darwin" else shutil.which("xdg-open")
        if not command:
            return False
        subprocess.Popen([command, str(path)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
        return True
    except OSError:
        return False


def print_command() -> list[str] | None:
    """How this computer prints a PDF (None when it cannot)."""
    if sys.platform.startswith("win"):
        return ["startfile-print"]
    for name in ("lp", "lpr"):
        found = shutil.which(name)
        if found:
            return [found]
    return None


def print_document(path) -> None:
    command = print_command()
    if command is None:
        raise OSError(_("This computer has no printer set up."))
    if command == ["startfile-print"]:
        os.startfile(str(path), "print")  # noqa: S606 - the user's own file
    else:
        subprocess.run(command + [str(path)], check=True, capture_output=True)


def make_document(screen, default_name: str, work, what: str = "", *, filetypes=None,
                  open_after: bool = True):
    """Ask where to save ``default_name``, run ``work(path)`` in a thread, then open the file.

    ``screen.ctx.extra`` may hold ``open_file`` and ``print_file`` (tests replace them).
    Returns the running BackgroundTask, or None when the user chose no file.
    """
    ctx = screen.ctx
    suffix = Path(default_name).suffix or ".pdf"
    path = ctx.choose_file(screen, "save", title=_("Save {what}").format(what=what or suffix[1:]),
                           initialfile=default_name, defaultextension=suffix,
                           filetypes=filetypes or [(_("PDF files"), "*.pdf")])
    if not path:
        return None
    what = what or Path(path).name
    say = ctx.status
    say(_("Writing {what}...").format(what=what))
    opener = ctx.extra.get("open_file", open_document)
    printer = ctx.extra.get("print_file", print_document if print_command() else None)

    def done(result):
        where = Path(path)
        opened = open_after and suffix == ".pdf" and opener(where)
        if opened:
            say(_("{what} saved in {folder} and opened.").format(what=what, folder=where.parent))
        else:
            say(_("{what} saved in {folder} as {name}.").format(what=what, folder=where.parent,
                                                               name=where.name))
        if printer is not None and suffix == ".pdf" and hasattr(screen, "offer"):
            screen.offer(_("Print"), lambda: _print(screen, printer, where))

    def failed(exc):
        say(_("Could not write {what}: {error}").format(what=what, error=exc), True)

    def progress(message, fraction):
        say(f"{message} ({fraction:.0%})" if fraction else str(message))

    task = BackgroundTask(screen, lambda report: work(path), done, failed, progress)
    screen.last_task = task
    return task.start()


def _print(screen, printer, path) -> None:
    try:
        printer(path)
    except (OSError, subprocess.CalledProcessError) as exc:
        screen.ctx.status(_("Could not print: {error}").format(error=exc), True)
    else:
        screen.ctx.status(_("Sent {name} to the printer.").format(name=path.name))


def make_report(screen, default_name: str, build, render, what: str = ""):
    """Build the data now (a service call, errors shown at once), then ``make_document``."""
    try:
        data = build()
    except PseError as exc:
        screen.ctx.status(str(exc), True)
        return None
    return make_document(screen, default_name, lambda path: render(data, path), what)
