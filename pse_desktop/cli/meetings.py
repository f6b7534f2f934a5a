"""Command line of the parent meetings: export a period's meetings to CSV or XLSX."""

from __future__ import annotations
from ..i18n import _, ngettext


def register(registry) -> None:
    p = registry["export"].add_parser("meetings", parents=[registry["common"]],
                                      help=_("parent meetings of a period, one row per family (CSV or XLSX)"))
    p.add_argument("--from", dest="first", required=True, metavar="DATE", help=_("first day, YYYY-MM-DD"))
    p.add_argument("--to", dest="last", required=True, metavar="DATE", help=_("last day, YYYY-MM-DD"))
    p.add_argument("--centre", metavar="CODE", help=_("one centre (default: all)"))
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    p.set_defaults(func=cmd_export)


def cmd_export(args) -> int:
    from .main import open_db
    from ..services.centres.rules import centre_by_code
    from ..services.meetings.reports import export_meetings
    from ..services.core.permissions import cli_actor

    open_db(args)
    centre_id = centre_by_code(args.centre).id if args.centre else None
    count = export_meetings(cli_actor(), args.first, args.last, args.out, centre_id)
    print(ngettext("Wrote {count} row to {out}",
                   "Wrote {count} rows to {out}", count).format(count=count, out=args.out))
    return 0
