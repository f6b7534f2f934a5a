"""What the payroll screens share: the month bar, Khmer names in a table, service errors."""

import datetime as dt

import ttkbootstrap as tb

from pse_desktop.services.common.errors import ValidationError
from pse_desktop.views.common.base import FAILED
from pse_desktop.views.payroll.common import KhmerNames, MonthBar, money, riel, try_service
from tests.views.helpers import pump, type_and_enter

D = dt.date


def test_month_bar_steps_takes_typed_months_and_refuses_nonsense(tk_root, ui):
    seen = []
    bar = MonthBar(ui, seen.append, month=D(2026, 1, 15))
    bar.pack()
    pump(tk_root)
    assert bar.month == D(2026, 1, 1) and bar.var.get() == "2026-01"
    bar.step(-1)
    assert seen == [D(2025, 12, 1)] and bar.var.get() == "2025-12"
    type_and_enter(tk_root, bar.entry, "2026-03")
    assert seen[-1] == D(2026, 3, 1) and "2026" in bar.label.cget("text")
    type_and_enter(tk_root, bar.entry, "March")
    assert bar.var.get() == "2026-03" and len(seen) == 2
    type_and_enter(tk_root, bar.entry, "2026-03")  # the same month: nobody is told again
    assert len(seen) == 2
    bar.set(D(2026, 5, 1), notify=False)
    assert bar.var.get() == "2026-05" and len(seen) == 2


def test_try_service_shows_the_error_and_clears_it(tk_root, ui):
    label = tb.Label(ui, text="")

    def refuse():
        raise ValidationError("rate", "must be a number")

    assert try_service(label, refuse) is FAILED
    assert "must be a number" in label.cget("text")
    assert try_service(label, lambda x: x * 2, 21) == 42
    assert label.cget("text") == ""


def test_money_and_riel_texts_and_khmer_names(tk_root, ui):
    assert (money(None), money(21050)) == ("", "$210.50")
    assert (riel(None), riel(4100000)) == ("", "4,100,000")
    tree = tb.Treeview(ui, columns=("code",), show="headings")
    tree.pack()
    names = KhmerNames(tree, 120)
    iid = tree.insert("", "end", values=("E001",))
    names.set(iid, "សុខ សុភា")
    assert tree.item(iid, "image") and iid in names.photos
    names.set(iid, "")
    assert not tree.item(iid, "image")
    names.clear()
    assert names.photos == {}
