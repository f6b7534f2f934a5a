"""Command line of vocational training: export the outcomes, one row per trainee.

The command line acts as admin (whoever may open the database file); the export is audited."""

from __future__ import annotations


def register(registry) -> None:
    p = registry["export"].add_parser(
        "training", parents=[registry["common"]],
        help="one row per trainee: course, trade, family, completed, placed or self-employed, "
             "income before, income at 6 months (CSV or XLSX)")
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    p.set_defaults(func=cmd_training)


def cmd_training(args) -> int:
    from ..services.core.permissions import cli_actor
    from ..services.training.reports import export_trainees
    from .main import open_db

    open_db(args)
    count = export_trainees(cli_actor(), args.out)
    print(f"Wrote {count} rows to {args.out}")
    return 0
