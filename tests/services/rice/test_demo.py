"""Tests for pse_desktop.services.rice.demo on a small database."""

import datetime as dt

import pytest

from pse_desktop.db.rice import Collection, Designation, MonthList, Move
from pse_desktop.services.common.errors import ConflictError
from pse_desktop.services.rice import demo
from pse_desktop.services.social import demo as social_demo
from tests.fixtures.social import social  # noqa: F401


def test_a_year_of_lists_and_distributions(social, admin):
    today = dt.date.today()
    social_demo.add_demo(admin, lambda m, f: None, today)
    line = demo.add_demo(admin, lambda m, f: None, today)
    assert "12 monthly lists" in line
    assert Designation.select().count() >= 1
    assert MonthList.select().where(MonthList.status == "final").count() == 12
    assert Collection.select().count() > 0
    from pse_desktop.services.rice.stock import balances

    assert all(p.grams >= 0 for p in balances(admin))
    assert Move.select().where(Move.kind == "received").count() == 12
    with pytest.raises(ConflictError):
        demo.add_demo(admin, lambda m, f: None, today)
