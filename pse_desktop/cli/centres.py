"""Command line of the centres' area: import children, report and export attendance."""

from __future__ import annotations

import sys
from ..i18n import _, ngettext


def register(registry) -> None:
    common = registry["common"]
    p = registry["import"].add_parser("children", parents=[common],
                                      help=_("import children and families from CSV or XLSX"))
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help=_("import the valid rows without asking"))
    p.add_argument("--template", action="store_true", help=_("write an empty template to FILE instead"))
    p.add_argument("--with-duplicates", action="store_true",
                   help=_("also import the likely duplicates (same name and birth date as a child already registered or an earlier row)"))
    p.set_defaults(func=cmd_import)
    p = registry["report"].add_parser("attendance", parents=[common],
                                      help=_("monthly attendance register of a centre's groups (PDF)"))
    p.add_argument("--centre", required=True, metavar="CODE")
    p.add_argument("--group", metavar="NAME", help=_("one group (default: every group of the centre)"))
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--blank", action="store_true",
                   help=_("a blank register to fill by hand (from this computer's copy when "
                          "the database server cannot be reached)"))
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.set_defaults(func=cmd_report)
    p = registry["export"].add_parser("attendance", parents=[common],
                                      help=_("the attendance of every child for a month or any range of days, e.g. a whole year (CSV or XLSX)"))
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--month", metavar="YYYY-MM")
    when.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help=_("first day (with --to)"))
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help=_("last day (with --from)"))
    p.add_argument("--centre", metavar="CODE", help=_("one centre (default: all)"))
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    p.set_defaults(func=cmd_export)


def cmd_import(args) -> int:
    from .main import open_db
    from ..services.centres import importer as attendance_import
    from ..services.core.permissions import cli_actor

    if args.template:
        print(_("Template written to {write_template}").format(write_template=attendance_import.write_template(args.file)))
        return 0
    open_db(args)
    actor = cli_actor()
    result = attendance_import.preview(actor, args.file)
    if result.file_error:
        print(_("error: {file}: {file_error}. Nothing was imported.").format(file=args.file, file_error=result.file_error), file=sys.stderr)
        return 2
    for row in result.bad:
        print(_("line {line}: {error}").format(line=row.line, error=row.error), file=sys.stderr)
    for row in result.duplicates:
        if args.with_duplicates:
            msg = _("line {line}: likely duplicate of {other} (same name and birth date): imported")
        else:
            msg = _("line {line}: likely duplicate of {other} (same name and birth date): left out (add --with-duplicates to import it)")
        print(msg.format(line=row.line, other=row.duplicate_of), file=sys.stderr)
    if result.unknown_columns:
        print(_("Columns not imported: {columns}").format(columns=", ".join(result.unknown_columns)), file=sys.stderr)
    print(_("{n} valid rows ({n2} new families), {n3} bad rows, {n4} likely duplicates.").format(
        n=len(result.valid) - len(result.duplicates), n2=len(result.new_families), n3=len(result.bad),
        n4=len(result.duplicates)))
    if not result.valid or (not args.with_duplicates and len(result.valid) == len(result.duplicates)):
        print(_("Nothing to import."), file=sys.stderr)
        return 2
    if not args.yes:
        if not sys.stdin.isatty():
            print(_("Nothing was imported: confirm with --yes."), file=sys.stderr)
            return 1
        if input("Import the valid rows? Type yes: ").strip().lower() != "yes":
            print(_("Nothing was imported."))
            return 1
    ticked = [r.line for r in result.duplicates] if args.with_duplicates else []
    count = attendance_import.commit(actor, result, ticked)
    print(ngettext("Imported {count} child.",
                   "Imported {count} children.", count).format(count=count))
    return 0


def cmd_report(args) -> int:
    from .main import open_db
    from ..db import ServerUnreachable
    from ..reports.centres.register import render_registers
    from ..services.centres.rules import centre_by_code
    from ..services.centres.summary import month_registers
    from ..services.core.permissions import cli_actor

    try:
        open_db(args)
        centre = centre_by_code(args.centre)
        registers = month_registers(cli_actor(), args.month, centre.id, args.group, blank=args.blank)
    except ServerUnreachable:
        if not args.blank:
            raise
        return _blank_from_copy(args)
    if not registers:
        print(f"error: {centre.code} has no group {args.group!r}" if args.group
              else f"error: {centre.code} has no group", file=sys.stderr)
        return 2
    render_registers(registers, args.out)
    print(ngettext("Wrote {n} register to {out}",
                   "Wrote {n} registers to {out}", len(registers)).format(n=len(registers), out=args.out))
    return 0


def _blank_from_copy(args) -> int:
    """The server cannot be reached: the blank registers from the copy the window keeps."""
    from ..reports.centres.register import render_registers
    from ..services.centres import paper

    from ..services.common.errors import NotFound

    code = args.centre.strip().upper()
    try:
        registers = [r for r in paper.blank_registers_from_copy(args.month, code)
                     if not args.group or r.group_name.casefold() == args.group.strip().casefold()]
    except NotFound as exc:
        print(_("error: the database server cannot be reached. {why}").format(why=exc),
              file=sys.stderr)
        return 2
    saved_on = paper.read_copy()["saved_on"]
    if not registers:
        if args.group:
            why = _("this computer's copy of {date} has no group {group} of {centre}.")
        else:
            why = _("this computer's copy of {date} has no group of {centre}.")
        print(_("error: the database server cannot be reached, and {why}").format(
            why=why.format(date=saved_on, group=args.group, centre=code)), file=sys.stderr)
        return 2
    print(_("The database server cannot be reached: the blank registers come from this "
            "computer's copy of {date} (the children and days off as they were that day).")
          .format(date=saved_on), file=sys.stderr)
    render_registers(registers, args.out)
    print(ngettext("Wrote {n} register to {out}", "Wrote {n} registers to {out}", len(registers)).format(n=len(registers), out=args.out))
    return 0


def cmd_export(args) -> int:
    from .main import open_db
    from ..services.centres.export import export_month, export_range
    from ..services.centres.rules import centre_by_code
    from ..services.core.permissions import cli_actor

    open_db(args)
    centre_id = centre_by_code(args.centre).id if args.centre else None
    if args.month:
        count = export_month(cli_actor(), args.month, args.out, centre_id)
    else:
        if not args.date_to:
            print(_("error: --from needs --to"), file=sys.stderr)
            return 2
        count = export_range(cli_actor(), args.date_from, args.date_to, args.out, centre_id)
    print(ngettext("Wrote {count} row to {out}",
                   "Wrote {count} rows to {out}", count).format(count=count, out=args.out))
    return 0
