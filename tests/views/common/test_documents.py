"""The kit's "make a document" helper and date field."""

import datetime as dt
import time

from pse_desktop.services.common.errors import ValidationError
from pse_desktop.views.common.base import Screen, ScreenContext
from pse_desktop.views.common.dates import DateField, parse_date
from pse_desktop.views.common.documents import make_document, make_report


def _wait(root, task):
    end = time.time() + 10
    while not task.finished and time.time() < end:
        root.update()
        time.sleep(0.02)
    root.update()


def test_document_written_in_the_background_opened_and_offered_for_printing(tk_root, ui, admin,
                                                                            target, tmp_path):
    opened, printed = [], []
    ctx = ScreenContext(actor=admin, target=target,
                        choose_file=lambda *a, **k: str(tmp_path / "receipt.pdf"),
                        extra={"open_file": lambda p: opened.append(p) or True,
                               "print_file": printed.append})
    screen = Screen(ui, ctx)
    screen.pack(fill="both", expand=True)
    task = make_document(screen, "receipt.pdf", lambda path: open(path, "w").write("%PDF"),
                         "Receipt")
    _wait(tk_root, task)
    assert (tmp_path / "receipt.pdf").exists() and opened == [tmp_path / "receipt.pdf"]
    assert "Receipt saved in" in screen.message_line.cget("text")
    screen._offer.invoke()
    assert printed == [tmp_path / "receipt.pdf"]
    assert "printer" in screen.message_line.cget("text")
    screen.destroy()


def test_no_viewer_says_where_the_file_is_and_errors_show_on_the_line(tk_root, ui, admin, target,
                                                                     tmp_path):
    ctx = ScreenContext(actor=admin, target=target,
                        choose_file=lambda *a, **k: str(tmp_path / "list.pdf"),
                        extra={"open_file": lambda p: False, "print_file": None})
    screen = Screen(ui, ctx)
    screen.pack(fill="both", expand=True)
    _wait(tk_root, make_document(screen, "list.pdf", lambda path: None, "Hand-out list"))
    text = screen.message_line.cget("text")
    assert str(tmp_path) in text and "list.pdf" in text
    assert getattr(screen, "_offer", None) is None

    def refuse():
        raise ValidationError("month", "No payroll for this month")

    assert make_report(screen, "x.pdf", refuse, lambda d, p: None) is None
    assert screen.message_line.cget("text") == "month: No payroll for this month" or \
        "No payroll" in screen.message_line.cget("text")
    ctx.choose_file = lambda *a, **k: None
    assert make_document(screen, "y.pdf", lambda path: None) is None
    screen.destroy()


def test_date_field_reads_iso_dates_and_the_one_parser(tk_root, ui):
    field = DateField(ui)
    field.pack()
    field.set(dt.date(2026, 3, 4))
    assert field.get() == "2026-03-04" and field.date() == dt.date(2026, 3, 4)
    field.set(None)
    assert field.date() is None
    assert parse_date(" 2026-01-31 ") == dt.date(2026, 1, 31)
    assert parse_date("31/01/2026") is None and parse_date("") is None
    assert parse_date(dt.datetime(2026, 1, 2, 10, 0)) == dt.date(2026, 1, 2)
    field.destroy()
