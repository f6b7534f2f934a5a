"""Command line of the social team: export families, assessments and emergency support.

The command line acts as admin (whoever may open the database file); each export is recorded in
the social team's access log like an export from the window."""

from __future__ import annotations


def register(registry) -> None:
    common = registry["common"]
    p = registry["export"].add_parser(
        "families", parents=[common],
        help="one row per family: code, centre, social worker, priority, last assessment, next "
             "due, IDPoor level (CSV or XLSX)")
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    p.set_defaults(func=cmd_families)
    for kind, text in (("assessments", "assessments of a period, one row each"),
                       ("support", "emergency support requested in a period, one row each")):
        p = registry["export"].add_parser(kind, parents=[common], help=f"{text} (CSV or XLSX)")
        p.add_argument("--from", dest="first", required=True, metavar="DATE",
                       help="first day, YYYY-MM-DD")
        p.add_argument("--to", dest="last", required=True, metavar="DATE",
                       help="last day, YYYY-MM-DD")
        p.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
        p.set_defaults(func=cmd_period, kind=kind)


def cmd_families(args) -> int:
    from ..services.core.permissions import cli_actor
    from ..services.social.reports import export_families
    from .main import open_db

    open_db(args)
    count = export_families(cli_actor(), args.out)
    print(f"Wrote {count} rows to {args.out}")
    return 0


def cmd_period(args) -> int:
    from ..services.core.permissions import cli_actor
    from ..services.social import reports
    from .main import open_db

    open_db(args)
    fn = reports.export_assessments if args.kind == "assessments" else reports.export_support
    count = fn(cli_actor(), args.first, args.last, args.out)
    print(f"Wrote {count} rows to {args.out}")
    return 0
