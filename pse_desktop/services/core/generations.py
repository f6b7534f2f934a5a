"""Which backups to keep: the last of each day, week and month, within a size limit.

Pure rules over file names (``pse-backup-YYYYMMDD-HHMMSS-ffffff.sqlite3``) so they are tested
without waiting for days. Ten years of daily full copies would fill a disk (the issue measured
about 37 GB); generations keep the recent past close and the far past sparse.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

PREFIX = "pse-backup-"
SAFETY_PREFIXES = ("before-restore-", "before-upgrade-")
#: restore and upgrade safety copies kept of each kind (newest first)
SAFETY_KEEP = 3
#: a ``.part`` copy older than this was cut short (a power cut, a killed program)
PART_AGE = dt.timedelta(minutes=30)


def stamp_day(path: Path) -> dt.date | None:
    """Return the day in a backup's name, None for a name that is not a backup's."""
    name = Path(path).name
    if not name.startswith(PREFIX):
        return None
    try:
        return dt.datetime.strptime(name[len(PREFIX):len(PREFIX) + 8], "%Y%m%d").date()
    except ValueError:
        return None


def to_delete(paths: list[Path], *, daily: int, weekly: int, monthly: int,
              max_bytes: int | None = None, size=None) -> list[Path]:
    """Return the backups to delete: all but the newest of each of the last ``daily`` days,
    ``weekly`` ISO weeks and ``monthly`` months; then the oldest kept ones while the total is
    over ``max_bytes`` (the newest backup always stays)."""
    size = size or (lambda p: p.stat().st_size if p.exists() else 0)
    dated = sorted(((stamp_day(p), p) for p in paths if stamp_day(p) is not None),
                   key=lambda dp: dp[1].name, reverse=True)
    keep: set[Path] = set()
    for count, key in ((daily, lambda d: d), (weekly, lambda d: d.isocalendar()[:2]),
                       (monthly, lambda d: (d.year, d.month))):
        seen = []
        for day, path in dated:
            k = key(day)
            if k in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(k)
            keep.add(path)
    kept = [p for _d, p in dated if p in keep]  # newest first
    if max_bytes is not None:
        total = sum(size(p) for p in kept)
        while len(kept) > 1 and total > max_bytes:
            oldest = kept.pop()
            total -= size(oldest)
    return [p for _d, p in dated if p not in kept]


def leftovers(folder: Path, now: dt.datetime) -> list[Path]:
    """Return copies cut short (``*.part`` older than PART_AGE) and restore or upgrade safety
    copies beyond the newest SAFETY_KEEP of each kind."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    out = [p for p in folder.glob("*.part")
           if now - dt.datetime.fromtimestamp(p.stat().st_mtime) > PART_AGE]
    for prefix in SAFETY_PREFIXES:
        copies = sorted(folder.glob(f"{prefix}*.sqlite3"), reverse=True)
        out += copies[SAFETY_KEEP:]
    return out
