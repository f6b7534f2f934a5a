"""Who has a database file open: one small file per open window, next to the database.

A window writes ``<database>-sessions/<computer>-<pid>.json`` (user, computer, pid, heartbeat)
when a user logs in, refreshes the heartbeat every minute and deletes the file on logout.
A restore asks who else is there first. The files live beside the database, not in it, so a
restore does not replace them and a read-only check does not write into the database.
An entry whose heartbeat is older than ``STALE_AFTER`` (the window was killed, the PC switched
off) or whose process is gone on this computer no longer counts, and is removed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

STALE_AFTER = dt.timedelta(minutes=3)
HEARTBEAT_SECONDS = 60


@dataclass(frozen=True)
class Session:
    path: Path
    user: str
    computer: str
    pid: int
    opened: dt.datetime
    heartbeat: dt.datetime

    def describe(self) -> str:
        return f"{self.user} on {self.computer} (since {self.opened:%H:%M})"


def folder_for(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + "-sessions")


def computer_name() -> str:
    return socket.gethostname() or "this computer"


def _write(path: Path, data: dict) -> None:
    # User names: readable by the owner only, like the database beside them.
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(data))
    os.replace(tmp, path)


def register(db_path: Path, user: str) -> Session:
    """Record that this process has the database open for ``user``; return the entry."""
    now = dt.datetime.now().replace(microsecond=0)
    computer = computer_name()
    path = folder_for(db_path) / f"{computer}-{os.getpid()}.json"
    _write(path, {"user": user, "computer": computer, "pid": os.getpid(),
                  "opened": now.isoformat(), "heartbeat": now.isoformat()})
    return Session(path, user, computer, os.getpid(), now, now)


def beat(session: Session) -> None:
    """Refresh the heartbeat (also re-creates an entry someone removed)."""
    _write(session.path, {"user": session.user, "computer": session.computer,
                          "pid": session.pid, "opened": session.opened.isoformat(),
                          "heartbeat": dt.datetime.now().replace(microsecond=0).isoformat()})


def unregister(session: Session) -> None:
    session.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, owned by someone else (or no way to tell: count it)
    return True


def _read(path: Path) -> Session | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Session(path, str(data["user"]), str(data["computer"]), int(data["pid"]),
                       dt.datetime.fromisoformat(data["opened"]),
                       dt.datetime.fromisoformat(data["heartbeat"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def others(db_path: Path, now: dt.datetime | None = None) -> list[Session]:
    """Return the live sessions of other processes; stale or broken entries are removed."""
    folder = folder_for(db_path)
    if not folder.is_dir():
        return []
    now = now or dt.datetime.now()
    here = computer_name()
    out = []
    for path in sorted(folder.glob("*.json")):
        entry = _read(path)
        if entry is not None and entry.computer == here and entry.pid == os.getpid():
            continue
        stale = (entry is None or now - entry.heartbeat > STALE_AFTER
                 or (entry.computer == here and not _alive(entry.pid)))
        if stale:
            path.unlink(missing_ok=True)
            continue
        out.append(entry)
    return out
