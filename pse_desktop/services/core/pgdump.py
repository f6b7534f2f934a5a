"""Backups of a shared PostgreSQL database: pg_dump (custom format) and pg_restore.

The same naming and keeping rules as the SQLite backups (``pse-backup-<stamp>.pgdump`` in the
backups folder, kept by the same daily, weekly and monthly generations), the same checks before a restore
(a readable dump made by this program's or an older schema). A restore goes into an empty
database only: on a shared server other sites may be working in the current one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ...db import migrations
from ..common.errors import ConflictError
from ...i18n import N_, _

SUFFIX = ".pgdump"
TOOLS_HINT = N_("Install the PostgreSQL client tools of the server's version or newer "
              "(Debian: apt install postgresql-client; Windows: the PostgreSQL installer's "
              "'Command Line Tools') and make sure they are on the PATH.")


def tool(name: str) -> str:
    """Return the path of pg_dump/pg_restore, or raise ConflictError saying how to get it."""
    found = shutil.which(name)
    if not found:
        raise ConflictError(_("{tool} was not found on this computer.").format(tool=name) + " " + _(TOOLS_HINT))
    return found


def _split(url: str) -> tuple[str, dict]:
    """The URL without its password, and the environment that passes the password instead
    (so it never shows in a process list or an error message)."""
    parts = urlsplit(url)
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = parts.password
        host = parts.hostname or ""
        netloc = (parts.username or "") + "@" + host + (f":{parts.port}" if parts.port else "")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts), env


def _run(args: list[str], env: dict, what: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        detail = re.sub(r"postgres(ql)?://[^\s\"]*", "<database>", proc.stderr.strip())
        lines = [ln for ln in detail.splitlines() if ln.strip()][-3:]
        raise ConflictError(f"{what} failed: " + " ".join(lines))
    return proc


def dump(url: str, dest: Path) -> Path:
    """Write the database at ``url`` to ``dest`` with pg_dump's custom format; return ``dest``."""
    exe = tool("pg_dump")
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    clean_url, env = _split(url)
    try:
        _run([exe, "--format=custom", "--no-owner", "--no-privileges", f"--file={part}",
              f"--dbname={clean_url}"], env, "pg_dump")
        part.replace(dest)
    finally:
        part.unlink(missing_ok=True)
    return dest


def schema_versions(path: Path) -> dict[str, int]:
    """Read the schema versions stored in a dump (pg_restore writes the table's data out)."""
    exe = tool("pg_restore")
    out = _run([exe, "--data-only", f"--table={migrations.SCHEMA_TABLE}", "--file=-", str(path)],
               dict(os.environ), "pg_restore (reading the backup)").stdout
    rows, inside = [], False
    for line in out.splitlines():
        if line.startswith(f"COPY public.{migrations.SCHEMA_TABLE} "):
            inside = True
        elif inside and line == "\\.":
            break
        elif inside:
            area, version, *_rest = line.split("\t")
            rows.append((area, version))
    return migrations.applied_versions_from_cursor(rows)


def check_dump(path: Path) -> list[str]:
    """Return the problems of a dump file (empty when it can be restored)."""
    path = Path(path)
    if not path.is_file():
        return [f"{path} does not exist."]
    try:
        versions = schema_versions(path)
    except ConflictError as exc:
        return [f"{path} is not a readable PostgreSQL backup ({exc})"]
    if not versions:
        return [f"{path} is not a PSE Desktop backup (no schema versions in it)."]
    newer = migrations.newer_areas(versions)
    return ["made by a newer PSE Desktop: " + ", ".join(newer)] if newer else []


def load(url: str, source: Path) -> None:
    """pg_restore ``source`` into the (empty) database at ``url``, in one transaction."""
    exe = tool("pg_restore")
    clean_url, env = _split(url)
    _run([exe, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
          f"--dbname={clean_url}", str(source)], env, "pg_restore")
