"""Files only their owner may read: the database, its WAL, backups and the log.

The data is about children and poor families, and office PCs are shared: on systems with Unix
modes (os.name == "posix") files are created 0600 and folders 0700. On Windows the user's
profile folders are already private to the account. The log keeps ids and error types, never
the text of an error, which may quote a child's name or what was typed.
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
HAS_MODES = os.name == "posix"


def private_dir(folder: Path) -> Path:
    """Make ``folder`` (and missing parents) 0700 where it is created; return it.

    An existing folder is left as it is: it may be a shared place the user chose (tmp, a
    network drive); what we put in it is private anyway.
    """
    folder = Path(folder)
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        if HAS_MODES:
            os.chmod(path, DIR_MODE)  # mkdir's mode is masked by the umask
    return folder


def private_file(path: Path) -> Path:
    """Create ``path`` empty and 0600 if missing, else narrow it to 0600; return it."""
    path = Path(path)
    if not path.exists():
        private_dir(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
        os.close(fd)
    if HAS_MODES:
        try:
            os.chmod(path, FILE_MODE)
        except PermissionError:  # not ours (a shared file on a server): leave it
            pass
    return path


def private_companions(path: Path) -> None:
    """Narrow SQLite's companion files (-wal, -shm, -journal) of a database to 0600."""
    for suffix in ("-wal", "-shm", "-journal"):
        extra = Path(str(path) + suffix)
        if extra.exists():
            private_file(extra)


class PrivateFormatter(logging.Formatter):
    """Write the error's type and where it happened, not its message (it may quote names)."""

    def formatException(self, ei) -> str:  # noqa: N802 -- logging's name
        exc_type, _exc, trace = ei
        # file, line and function only: a source line may hold a literal typed by someone
        frames = "".join(f'  File "{f.filename}", line {f.lineno}, in {f.name}\n'
                         for f in traceback.extract_tb(trace)) if trace else ""
        return f"Traceback (most recent call last):\n{frames}{exc_type.__name__} (message withheld)"

    def format(self, record: logging.LogRecord) -> str:
        record.exc_text = None  # never reuse a text another formatter made
        return super().format(record)


def log_handler(path: Path) -> logging.Handler:
    """Return a handler appending to ``path`` (created 0600), or to stderr if it cannot."""
    try:
        private_file(path)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(message)s"))
    return handler


# -- the machine's problems, said plainly -------------------------------------------------

_READ_ONLY = {errno_name for errno_name in ("EROFS", "EACCES", "EPERM")}
_HELD = {"EBUSY", "ETXTBSY"}
_WINDOWS_SHARING = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def explain(exc: BaseException, path=None, doing: str = "saving") -> str | None:
    """Return a plain sentence for a machine problem (read-only file or folder, full disk,
    another program holding the file), or None when ``exc`` is not one of them.

    Every sentence says that nothing was lost: the write that met the problem was not made,
    and what was saved before is intact.
    """
    import errno as errno_mod

    from .i18n import _

    doing = doing if doing != "saving" else _("saving")
    where = f" {path}" if path else ""
    kept = " " + _("Nothing already saved was lost.")
    if isinstance(exc, OSError):
        name = errno_mod.errorcode.get(exc.errno or -1, "")
        where = f" {exc.filename}" if getattr(exc, "filename", None) and not path else where
        if getattr(exc, "winerror", None) in _WINDOWS_SHARING or name in _HELD:
            return _("Another program is holding{where} (an antivirus, a sync tool or another "
                     "PSE Desktop): close it and try {doing} again.").format(
                         where=where, doing=doing) + kept
        if name == "ENOSPC" or name == "EDQUOT":
            if where:
                return _("The disk is full at{where}: free some space and try {doing} "
                         "again.").format(where=where, doing=doing) + kept
            return _("The disk is full: free some space and try {doing} again.").format(
                doing=doing) + kept
        if name in _READ_ONLY:
            return _("The file or folder{where} is read-only for this account (or the disk is "
                     "write-protected): {doing} is not possible there.").format(
                         where=where, doing=doing) + kept
        return None
    text = str(exc).lower()
    if "readonly database" in text or "read-only" in text and "database" in text:
        return _("The database{where} is read-only (the file or its folder): {doing} is not "
                 "possible. Ask whoever looks after the computer to make it writable.").format(
                     where=where, doing=doing) + kept
    if "database or disk is full" in text or "disk full" in text:
        return _("The disk holding the database is full: free some space and try {doing} "
                 "again.").format(doing=doing) + kept
    if "unable to open database file" in text:
        return _("The database{where} cannot be opened for writing: its folder may be "
                 "read-only or the disk missing.").format(where=where) + kept
    return None
