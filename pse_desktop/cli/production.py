"""Command line of the production area: export output of a period to CSV or XLSX."""

from __future__ import annotations

import sys
from ..i18n import _, ngettext


def register(registry) -> None:
    p = registry["export"].add_parser("production", parents=[registry["common"]],
                                      help=_("pieces sewn on production orders in a period (CSV or XLSX)"))
    p.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    p.set_defaults(func=cmd_export)


def cmd_export(args) -> int:
    from .main import open_db
    from ..services.production import docs as production_docs
    from ..services.common.errors import PseError
    from ..services.core.permissions import cli_actor

    open_db(args)
    try:
        count = production_docs.export_output(cli_actor(), args.date_from, args.date_to, args.out)
    except PseError as exc:
        print(_("error: {exc}").format(exc=exc), file=sys.stderr)
        return 2
    print(ngettext("{count} output row written to {out}",
                   "{count} output rows written to {out}", count).format(count=count, out=args.out))
    return 0
