"""The databases this computer may open, chosen at login: its own file, and the shared servers
saved here (a name and a postgresql:// address). Kept in a private file of this computer, not
in a database: the list must be there before any database is open."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from ...db import Target, resolve_target
from ...db.connection import ENV_VAR, default_database_path
from ...i18n import _
from ..common.errors import NotFound, ValidationError

#: The name under which this computer's own file is listed (never saved in the file).
LOCAL = "local"
#: The name of a database given by ``--db`` or ``PSE_DATABASE`` at start.
GIVEN = "given"

SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class Connection:
    name: str
    url: str

    @property
    def target(self) -> Target:
        return resolve_target(self.url)

    @property
    def title(self) -> str:
        """What the login screen lists: the name, and where (never the password)."""
        if self.name == LOCAL:
            return _("This computer (local file)")
        if self.name == GIVEN:
            return _("Given at start: {where}").format(where=self.target.label)
        return f"{self.name} ({self.target.label})"


def machine_file(name: str) -> Path:
    """A file of this computer's own, beside the window preferences."""
    if os.environ.get("PSE_PREFS"):
        return Path(os.environ["PSE_PREFS"]).with_name(name)
    import platformdirs

    return Path(platformdirs.user_config_dir("pse-desktop", "PSE")) / name


def _path() -> Path:
    return machine_file("connections.json")


def _read() -> list[dict]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [row for row in data if isinstance(row, dict) and row.get("name") and row.get("url")]


def _write(rows: list[dict]) -> None:
    from ...files import private_file

    path = _path()
    tmp = private_file(path.with_name(path.name + ".part"))  # it holds passwords: 0600
    tmp.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def local() -> Connection:
    return Connection(LOCAL, str(default_database_path()))


def saved() -> list[Connection]:
    """This computer's file first, then the servers saved here, in the order they were added."""
    return [local()] + [Connection(row["name"], row["url"]) for row in _read()]


def find(name: str) -> Connection | None:
    return next((c for c in saved() if c.name == name), None)


def check_url(url: str) -> str:
    """Return the address cleaned of spaces, or raise ValidationError('url', ...) saying why."""
    url = (url or "").strip()
    if not url:
        raise ValidationError("url", _("give the server's address, "
                                       "postgresql://USER@SERVER/DATABASE"))
    if any(ch.isspace() for ch in url):
        raise ValidationError("url", _("the address may not contain spaces"))
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise ValidationError("url", _("the address must start with postgresql://"))
    if not parts.hostname:
        raise ValidationError("url", _("the address has no server name "
                                       "(postgresql://USER@SERVER/DATABASE)"))
    try:
        parts.port
    except ValueError:
        raise ValidationError("url", _("the server's port must be a number from 1 to 65535"))
    if not parts.path.strip("/") or "/" in parts.path.strip("/"):
        raise ValidationError("url", _("the address must end with the database name "
                                       "(postgresql://USER@SERVER/DATABASE)"))
    if not parts.username:
        raise ValidationError("url", _("the address has no user name "
                                       "(postgresql://USER@SERVER/DATABASE)"))
    options = dict(parse_qsl(parts.query))
    if options.get("sslmode", "require") not in SSL_MODES:
        raise ValidationError("url", _("unknown sslmode; use one of: {modes}").format(
            modes=", ".join(SSL_MODES)))
    return url


def check_name(name: str) -> str:
    """Return the name cleaned, or raise ValidationError('name', ...)."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("name", _("give the connection a name"))
    if len(name) > 60:
        raise ValidationError("name", _("at most 60 characters"))
    if name in (LOCAL, GIVEN) or any(c.name == name for c in saved()):
        raise ValidationError("name", _("a connection of this name is already saved"))
    return name


def with_password(url: str, password: str) -> str:
    """The address with the password put in (typed in its own hidden field, never shown)."""
    if not password:
        return url
    parts = urlsplit(url)
    user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0] if "@" in parts.netloc else ""
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{user}:{quote(password, safe='')}@{host}"))


def add(name: str, url: str, password: str = "") -> Connection:
    """Save a server on this computer; return it. ``password`` replaces one in the address."""
    name, url = check_name(name), check_url(url)
    connection = Connection(name, with_password(url, password))
    _write(_read() + [{"name": connection.name, "url": connection.url}])
    return connection


def remove(name: str) -> None:
    """Forget a saved server (this computer's own file stays in the list)."""
    if name in (LOCAL, GIVEN):
        raise ValidationError("name", _("this computer's own database cannot be removed"))
    rows = _read()
    kept = [row for row in rows if row["name"] != name]
    if len(kept) == len(rows):
        raise NotFound(_("no saved connection named {name}").format(name=name))
    _write(kept)


def at_start(db_arg: str | None, remembered: str | None) -> Connection:
    """The database to open at start: ``--db`` or ``PSE_DATABASE`` when given, else the one
    chosen last on this computer, else this computer's file."""
    explicit = db_arg or os.environ.get(ENV_VAR)
    if explicit:
        target = resolve_target(explicit)
        return next((c for c in saved() if c.target == target), Connection(GIVEN, target.url))
    return find(remembered or "") or local()


def choices(given: Target | None = None) -> list[Connection]:
    """The list to choose from at login: with the database given at start (``--db`` or
    ``PSE_DATABASE``) first when it is not one of the saved ones."""
    found = saved()
    if given is not None and all(c.target != given for c in found):
        found.insert(0, Connection(GIVEN, given.url))
    return found
