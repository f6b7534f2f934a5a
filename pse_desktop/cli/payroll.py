"""Payroll commands: ``export payroll`` and ``report payslips`` (and the run's other lists)."""

from __future__ import annotations

import sys
from ..i18n import _, ngettext


def register(registry) -> None:
    common = registry["common"]
    p = registry["export"].add_parser("payroll", parents=[common],
                                      help=_("a month's payroll, one row per worker, to CSV or XLSX"))
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    p.set_defaults(func=cmd_export)
    for kind, help_text in (("payslips", "a month's payslips, one page per worker"),
                            ("payroll-register", "a month's payroll register"),
                            ("payroll-cash", "the notes to prepare for workers paid in cash"),
                            ("payroll-nssf", "the month's NSSF contribution list")):
        p = registry["report"].add_parser(kind, parents=[common], help=help_text + " (PDF)")
        p.add_argument("--month", required=True, metavar="YYYY-MM")
        p.add_argument("--out", required=True, metavar="FILE.pdf")
        p.set_defaults(func=cmd_report, pdf_kind=kind.replace("payroll-", ""))


def cmd_export(args) -> int:
    from .main import open_db
    from ..services.payroll import docs as payroll_docs
    from ..services.core import permissions

    open_db(args)
    count = payroll_docs.export_payroll(permissions.cli_actor(), args.month, args.out)
    print(ngettext("Exported {count} worker to {out}",
                   "Exported {count} workers to {out}", count).format(count=count, out=args.out))
    return 0


def cmd_report(args) -> int:
    from .main import open_db
    from ..services.payroll import docs as payroll_docs
    from ..services.core import permissions

    open_db(args)
    actor = permissions.cli_actor()
    view = payroll_docs.register(actor, args.month)
    if view.status == "draft":
        print(_("note: the payroll of {label} is a draft, not finalised").format(label=view.label), file=sys.stderr)
    path = payroll_docs.write_pdf(actor, args.pdf_kind, args.month, args.out)
    print(_("Wrote {path}").format(path=path))
    return 0
