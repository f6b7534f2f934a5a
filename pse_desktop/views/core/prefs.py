"""Per-machine window preferences (size, theme), kept beside the user's config, not in the database."""

from __future__ import annotations

import json
import os
from pathlib import Path


def prefs_path() -> Path:
    if os.environ.get("PSE_PREFS"):
        return Path(os.environ["PSE_PREFS"])
    import platformdirs

    return Path(platformdirs.user_config_dir("pse-desktop", "PSE")) / "window.json"


def load() -> dict:
    try:
        return json.loads(prefs_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save(values: dict) -> None:
    path = prefs_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        current = load()
        current.update(values)
        path.write_text(json.dumps(current, indent=1), encoding="utf-8")
    except OSError:
        pass  # a read-only profile must not stop the program


def remembered(username: str, key: str):
    """What this user chose last on this computer (a centre, group or location id), or None."""
    return (load().get("last", {}).get(username or "", {}) or {}).get(key)


def remember(username: str, key: str, value) -> None:
    """Keep the user's last choice for next time (per user, on this computer)."""
    last = load().get("last", {})
    last.setdefault(username or "", {})[key] = value
    save({"last": last})
