"""Shop commands: ``export sales --from --to --out`` and ``export stock --out``."""

from __future__ import annotations

import sys
from ..i18n import _, ngettext


def register(registry) -> None:
    p = registry["export"].add_parser(
        "sales", parents=[registry["common"]],
        help=_("sale lines between two days (returns and voids as negative lines)"))
    p.add_argument("--from", dest="date_from", required=True, metavar="DATE", help=_("YYYY-MM-DD"))
    p.add_argument("--to", dest="date_to", required=True, metavar="DATE", help=_("YYYY-MM-DD"))
    p.add_argument("--out", required=True, metavar="FILE", help=_("FILE.csv or FILE.xlsx"))
    p.set_defaults(func=cmd_export_sales)
    p = registry["export"].add_parser(
        "stock", parents=[registry["common"]],
        help=_("stock of every product in every location (code, location, quantity)"))
    p.add_argument("--out", required=True, metavar="FILE", help=_("FILE.csv or FILE.xlsx"))
    p.set_defaults(func=cmd_export_stock)


def cmd_export_sales(args) -> int:
    from .main import open_db
    from ..services.core import permissions
    from ..services.shop import reports as shop_reports

    open_db(args)
    n = shop_reports.export_sales(permissions.cli_actor(), args.date_from, args.date_to, args.out)
    print(ngettext("Wrote {n} sale line to {out}",
                   "Wrote {n} sale lines to {out}", n).format(n=n, out=args.out), file=sys.stderr)
    return 0


def cmd_export_stock(args) -> int:
    from .main import open_db
    from ..services.core import permissions
    from ..services.shop import reports as shop_reports

    open_db(args)
    n = shop_reports.export_stock(permissions.cli_actor(), args.out)
    print(ngettext("Wrote {n} stock row to {out}",
                   "Wrote {n} stock rows to {out}", n).format(n=n, out=args.out), file=sys.stderr)
    return 0
