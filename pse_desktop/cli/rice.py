"""Command line of the rice area: export a month's list, one row per family."""

from __future__ import annotations


def register(registry) -> None:
    p = registry["export"].add_parser(
        "rice", parents=[registry["common"]],
        help="a month's rice list, one row per family: code, centre, guardian, children, "
             "attendance rate, kg due, kg collected, decision (CSV or XLSX)")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    p.set_defaults(func=cmd_export)


def cmd_export(args) -> int:
    from ..services.core.permissions import cli_actor
    from ..services.rice.reports import export_month
    from .main import open_db

    open_db(args)
    count = export_month(cli_actor(), args.month, args.out)
    print(f"Wrote {count} rows to {args.out}")
    return 0
