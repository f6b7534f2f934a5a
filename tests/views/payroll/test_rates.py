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
    assert rates.form.values()["minimum_wage_cents"] == "210.00"
    assert rates.form.values()["nssf_health_employer_bp"] == "2.6"
    assert rates.form.values()["nssf_base_max_khr"] == "1,200,000"
    before = len(rows(rates.list))
    rates.form.set_values({"effective_from": f"{THIS_YEAR + 1}-01-01", "minimum_wage_cents": "nope"})
    rates.save_button.invoke()
    assert rates.form.error_text("minimum_wage_cents")
    assert len(payroll.list_rates(manager)) == before
    rates.form.set_values({"minimum_wage_cents": "22500", "note": "new decree"})
    rates.save_button.invoke()  # $22,500.00 a month: a typo of cents, above the limit
    assert "more than the limit" in rates.form.error_text("minimum_wage_cents")
    rates.form.set_values({"minimum_wage_cents": "225"})
    rates.save_button.invoke()
    assert rates.form.error_text("minimum_wage_cents") == ""
    shown = {r[0]: r for r in rows(rates.list)}
    assert shown[f"{THIS_YEAR + 1}-01-01"][1:] == ("$225.00", "new decree")
    select_row(tk_root, rates.list, lambda v: v[0] == f"{THIS_YEAR + 1}-01-01")
    assert rates.form.values()["minimum_wage_cents"] == "225.00"


def test_a_french_user_types_rates_the_french_way(tk_root, ui, manager, target):
    from pse_desktop import i18n

    i18n.set_language("fr")
    try:
        asked = []
        rates = _rates(tk_root, ui, manager, target, confirm=lambda *a: asked.append(a[-1]) or True)
        assert rates.form.values()["minimum_wage_cents"] == "210,00"
        assert rates.form.values()["nssf_health_employer_bp"] == "2,6"
        rates.form.set_values({"effective_from": f"{THIS_YEAR + 1}-01-01", "minimum_wage_cents": "1 050,50",
                               "nssf_health_employer_bp": "2,7 %", "tax_brackets": "1 500 000: 0; *: 12,5"})
        rates.save_button.invoke()
        assert asked and "1\xa0050,50\xa0$US" in asked[0]  # unusual: asked, then saved
        saved = payroll.rates_in_force(dt.date(THIS_YEAR + 1, 2, 1))
        assert (saved.minimum_wage_cents, saved.nssf_health_employer_bp) == (105_050, 270)
        assert saved.tax_brackets == ((1_500_000, 0), (None, 1_250))
    finally:
        i18n.set_language("en")


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
