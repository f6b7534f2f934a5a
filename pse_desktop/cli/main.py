"""The command line: ``pse-desktop`` opens the window; subcommands serve admins and scheduled jobs."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from .. import __version__, areas
from ..i18n import _, ngettext

EPILOG = ("The database is chosen by --db PATH, else the PSE_DATABASE environment variable, else a "
          "file in your data folder. A postgresql:// URL works wherever a path does.")


def _read_password_file(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SystemExit(_("error: cannot read the password file: {exc}").format(exc=exc))
    lines = text.splitlines()
    return lines[0] if lines else ""


def _ask_password() -> str:
    if not sys.stdin.isatty():
        raise SystemExit(_("error: give --password-file FILE (no terminal to ask on)"))
    first = getpass.getpass("Password: ")
    if getpass.getpass("Same password again: ") != first:
        raise SystemExit(_("error: the two passwords differ"))
    return first


def open_db(args, create: bool = False):
    from ..db import init_database

    result = init_database(args.db, create=create)
    if result.backup_path:
        print(_("Database upgraded; the old version was copied to {backup_path}").format(backup_path=result.backup_path),
              file=sys.stderr)
    return result


def cmd_init(args) -> int:
    from ..services.core import users

    result = open_db(args, create=True)
    if users.has_users():
        print(_("{label} already has users; nothing to do.").format(label=result.target.label), file=sys.stderr)
        return 1
    name = args.admin or input("Admin user name: ").strip()
    password = _read_password_file(args.password_file) if args.password_file else _ask_password()
    info = users.create_first_admin(name, args.full_name or name, password)
    print(_("Created {label} with admin {username}.").format(label=result.target.label, username=info.username))
    return 0


def cmd_user_add(args) -> int:
    from ..services.core import permissions, users

    open_db(args)
    password = _read_password_file(args.password_file) if args.password_file else _ask_password()
    info = users.create_user(permissions.cli_actor(), args.name, args.full_name or "", args.role,
                             password, args.centre or (), args.shop or ())
    print(_("Added {username} ({role}).").format(username=info.username, role=info.role))
    return 0


def cmd_user_list(args) -> int:
    from ..services.core import permissions, users

    open_db(args)
    for u in users.list_users(permissions.cli_actor()):
        ties = ",".join(u.centre_codes + u.shop_codes)
        print(f"{u.username:<20} {u.role:<17} {'active' if u.active else 'disabled':<9} {ties}")
    return 0


def cmd_user_disable(args) -> int:
    from ..services.core import permissions, users

    open_db(args)
    users.disable_by_name(permissions.cli_actor(), args.name)
    print(_("Disabled {name}.").format(name=args.name))
    return 0


def cmd_backup(args) -> int:
    from ..services.core import backup, permissions

    result = open_db(args)
    path = backup.make_backup(permissions.cli_actor(), result.target,
                              Path(args.out) if args.out else None)
    print(_("Backup written to {path}").format(path=path))
    return 0


def cmd_restore(args) -> int:
    from ..db import init_database, resolve_target
    from ..services.core import backup, permissions

    target = resolve_target(args.db)
    report = backup.check_file(Path(args.file))
    if not report.ok:
        print("error: " + "; ".join(report.problems), file=sys.stderr)
        return 2
    if not args.yes:
        if not sys.stdin.isatty():
            print(_("error: restore replaces the database; confirm with --yes"), file=sys.stderr)
            return 2
        answer = input(f"Replace {target.label} with {args.file}? The current database is kept "
                       "as a copy in the backups folder. Type yes: ")
        if answer.strip().lower() != "yes":
            print(_("Nothing changed."))
            return 1
    if target.path and target.path.exists():
        init_database(target)
    safety = backup.restore(permissions.cli_actor(), target, Path(args.file))
    print(f"Restored from {args.file}." + (f" The previous database is kept as {safety}." if safety else ""))
    return 0


def cmd_check(args) -> int:
    from ..db import resolve_target
    from ..services.core import backup

    target = resolve_target(args.db)
    if target.is_postgres:
        from ..db import database, guards, migrations

        open_db(args)
        lost = guards.missing(database.obj)
        if lost:
            print("error: protections missing: " + ", ".join(lost), file=sys.stderr)
            return 1
        versions = ", ".join(f"{k} {v}" for k, v in
                             sorted(migrations.applied_versions(database.obj).items()))
        print(ngettext("OK ({label}; schema {versions}; {n} protection)",
                       "OK ({label}; schema {versions}; {n} protections)", len(guards.guards())).format(
            label=target.label, versions=versions, n=len(guards.guards())))
        return 0
    report = backup.check_file(target.path)
    if not report.ok:
        print("error: " + "; ".join(report.problems), file=sys.stderr)
        return 1
    versions = ", ".join(f"{k} {v}" for k, v in sorted(report.versions.items()))
    print(_("OK ({label}; schema {versions})").format(label=target.label, versions=versions))
    return 0


def cmd_migrate_to(args) -> int:
    from ..db import close_database, resolve_target
    from ..services.core import migrate_to, permissions

    source = resolve_target(args.db)
    destination = resolve_target(args.url)

    def progress(message, fraction):
        print(f"\r[{int(fraction * 100):3d}%] {message:<50}", end="", file=sys.stderr, flush=True)

    report = migrate_to.migrate_to(permissions.cli_actor(), source, destination, progress)
    close_database()
    print(file=sys.stderr)
    print(f"Copied {report.rows} rows in {len(report.counts)} tables from {report.source} to "
          f"{report.destination}; every table's count checked. The file was left untouched.")
    print("Point each site at the server: PSE_DATABASE=<this URL> (README, 'One shared server').")
    return 0


def cmd_demo(args) -> int:
    from ..services.common import demo
    from ..services.core import permissions, users

    open_db(args, create=True)
    if not users.has_users():
        print(_("error: create the admin first with 'pse-desktop init'"), file=sys.stderr)
        return 2

    def progress(message, fraction):
        print(f"\r[{int(fraction * 100):3d}%] {message:<50}", end="", file=sys.stderr, flush=True)

    lines = demo.run(permissions.cli_actor(), progress)
    print(file=sys.stderr)
    for line in lines:
        print(line)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from ..services.core.permissions import ROLES

    parser = argparse.ArgumentParser(prog="pse-desktop", description=__doc__, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"pse-desktop {__version__}")
    parser.add_argument("--db", metavar="PATH", help=_("database file or postgresql:// URL"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help=_("database file or postgresql:// URL"))

    p = sub.add_parser("init", parents=[common], help=_("create the database and the first admin"))
    p.add_argument("--admin", metavar="NAME", help=_("user name of the first admin"))
    p.add_argument("--full-name", default="", help=_("the admin's full name"))
    p.add_argument("--password-file", metavar="FILE", help=_("read the password from FILE's first line"))
    p.set_defaults(func=cmd_init)

    user = sub.add_parser("user", help=_("add, list and disable users")).add_subparsers(
        dest="user_command", metavar="ACTION", required=True)
    p = user.add_parser("add", parents=[common], help=_("add a user"))
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=list(ROLES))
    p.add_argument("--full-name", default="")
    p.add_argument("--centre", action="append", metavar="CODE", help=_("centre code (repeatable)"))
    p.add_argument("--shop", action="append", metavar="CODE", help=_("shop code (repeatable)"))
    p.add_argument("--password-file", metavar="FILE")
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("list", parents=[common], help=_("list users"))
    p.set_defaults(func=cmd_user_list)
    p = user.add_parser("disable", parents=[common], help=_("deactivate a user (history keeps the name)"))
    p.add_argument("name")
    p.set_defaults(func=cmd_user_disable)

    p = sub.add_parser("backup", parents=[common], help=_("copy the database to a backup file"))
    p.add_argument("--out", metavar="FILE", help=_("where to write (default: the backups folder)"))
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", parents=[common], help=_("replace the database with a backup file"))
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("check", parents=[common], help=_("check integrity and schema version"))
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("migrate-to", parents=[common],
                       help=_("copy this SQLite database into an empty PostgreSQL database"))
    p.add_argument("url", metavar="URL", help=_("postgresql://user@host/database (empty)"))
    p.set_defaults(func=cmd_migrate_to)
    p = sub.add_parser("demo", parents=[common], help=_("fill a new database with demo data"))
    p.set_defaults(func=cmd_demo)

    families = {
        "export": sub.add_parser("export", help=_("export data to CSV or XLSX")),
        "report": sub.add_parser("report", help=_("print a report to PDF")),
        "import": sub.add_parser("import", help=_("import data from CSV or XLSX")),
    }
    registry = {name: p.add_subparsers(dest=f"{name}_kind", metavar="KIND", required=True)
                for name, p in families.items()}
    registry["common"] = common
    for area in areas.AREAS:
        if area.cli:
            areas.resolve(area.cli_register)(registry)
    for name, p in families.items():
        if not registry[name].choices:
            p.set_defaults(func=lambda args, _n=name: _nothing(_n))
    return parser


def _nothing(family: str) -> int:
    print(_("No {family} kinds are installed in this version.").format(family=family), file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    from ..db import DatabaseRefused
    from ..services.common.errors import PseError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "db", None):
        args.db = None
    if args.command is None:
        from ..views.core.app import run_app

        return run_app(args.db)
    areas.load_services()
    try:
        return args.func(args)
    except DatabaseRefused as exc:
        print(_("error: {exc}").format(exc=exc), file=sys.stderr)
        return 2
    except PseError as exc:
        print(_("error: {exc}").format(exc=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the machine's problems are said plainly, never as a traceback
        from ..files import explain

        said = explain(exc)
        if said is None:
            raise
        print(f"error: {said}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
