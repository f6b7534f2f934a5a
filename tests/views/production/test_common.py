"""What the production screens share: saving a PDF in the background, dates typed by hand."""

import datetime as dt

import ttkbootstrap as tb

from pse_desktop.services.common.errors import ConflictError
from pse_desktop.views.production.common import monday_of, parse_day, save_document
from tests.views.helpers import wait
from tests.views.production.fixtures import make_ctx


def test_days_typed_and_the_monday_of_a_week():
    assert parse_day(" 2026-03-09 ") == dt.date(2026, 3, 9)
    assert parse_day("9 March") is None
    assert monday_of(dt.date(2026, 3, 15)) == dt.date(2026, 3, 9)  # a Sunday
    assert monday_of(dt.date(2026, 3, 9)) == dt.date(2026, 3, 9)


def test_save_document_builds_asks_then_draws_in_the_background(tk_root, ui, admin, target,
                                                                tmp_path):
    said = []
    ctx, told = make_ctx(admin, target, status=lambda text, error=False: said.append(text),
                         choose_file=lambda *a, **k: str(tmp_path / k["initialfile"]))
    screen = tb.Frame(ui)
    screen.ctx = ctx
    task = save_document(screen, "work.pdf", lambda: "the data",
                         lambda data, path: open(path, "w").write(data) and path)
    wait(tk_root, task)
    assert (tmp_path / "work.pdf").read_text() == "the data"
    assert screen.last_task is task and said[-1].startswith("work.pdf saved in ")

    def refuse():
        raise ConflictError("The order is cancelled.")

    assert save_document(screen, "x.pdf", refuse, lambda d, p: None) is None
    assert told[-1] == ("Cannot print", "The order is cancelled.")

    def broken(data, path):
        raise OSError("disk full")

    wait(tk_root, save_document(screen, "y.pdf", lambda: 1, broken))
    assert said[-1] == "Could not write y.pdf: disk full"  # on the message line
    ctx.choose_file = lambda *a, **k: None  # the user cancelled
    assert save_document(screen, "z.pdf", lambda: 1, broken) is None
