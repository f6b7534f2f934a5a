"""The rates screen: dated rates (a new minimum wage from a date) and the public holidays."""

import datetime as dt

import pytest

from pse_desktop.services.payroll import months as payroll
from pse_desktop.views.payroll.rates import RatesScreen
from tests.views.helpers import make_ctx, pump, rows, select_row

THIS_YEAR = dt.date.today().year


@pytest.fixture
def manager(make_user):
    return make_user("srey", "workshop_manager")


def _rates(tk_root, ui, actor, target, **kw):
    screen = RatesScreen(ui, make_ctx(actor, target, **kw))
    screen.pack(fill="both", expand=True)
    pump(tk_root)
    return screen


def test_the_rates_in_force_are_shown_and_new_ones_added_from_a_date(tk_root, ui, manager, target):
    rates = _rates(tk_root, ui, manager, target)
    assert rates.form.values()["minimum_wage_cents"] in ("21000", 21000)
    before = len(rows(rates.list))
    rates.form.set_values({"effective_from": f"{THIS_YEAR + 1}-01-01", "minimum_wage_cents": "nope"})
    rates.save_button.invoke()
    assert rates.form.error_text("minimum_wage_cents")
    assert len(payroll.list_rates(manager)) == before
    rates.form.set_values({"minimum_wage_cents": "22500", "note": "new decree"})
    rates.save_button.invoke()
    assert rates.form.error_text("minimum_wage_cents") == ""
    shown = {r[0]: r for r in rows(rates.list)}
    assert shown[f"{THIS_YEAR + 1}-01-01"][1:] == ("$225.00", "new decree")
    select_row(tk_root, rates.list, lambda v: v[0] == f"{THIS_YEAR + 1}-01-01")
    assert rates.form.values()["minimum_wage_cents"] in ("22500", 22500)


def test_holidays_are_added_and_removed_after_asking(tk_root, ui, manager, target):
    answers = [False, True]
    rates = _rates(tk_root, ui, manager, target, confirm=lambda *a: answers.pop(0))
    day = dt.date(THIS_YEAR, 11, 9)
    rates.hform.set_values({"day": "9 November", "name": "Independence Day"})
    rates.add_holiday_button.invoke()
    assert rates.hform.error_text("day")
    rates.hform.set_values({"day": day.isoformat()})
    rates.add_holiday_button.invoke()
    assert (day.isoformat(), "Independence Day") in rows(rates.holidays)
    assert rates.hform.values()["day"] == ""
    rates.holidays.selection_set(day.isoformat())
    rates.remove_holiday_button.invoke()  # answered no
    assert (day, "Independence Day") in payroll.list_holidays(manager)
    rates.remove_holiday_button.invoke()
    assert (day, "Independence Day") not in payroll.list_holidays(manager)
    assert day.isoformat() not in [r[0] for r in rows(rates.holidays)]
