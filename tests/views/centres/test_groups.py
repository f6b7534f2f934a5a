"""Groups and calendar window."""

import datetime as dt

from pse_desktop.db.centres import DayOff, Group
from pse_desktop.services.core import places
from pse_desktop.views.centres.groups import SetupScreen
from pse_desktop.views.common.base import ScreenContext


def test_add_group_and_days_off(tk_root, ui, admin, target, make_user):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    screen = SetupScreen(ui, ScreenContext(actor=staff, target=target,
                                           extra={"today": dt.date(2026, 11, 25)},
                                           confirm=lambda *a: True))
    screen.pack(fill="both", expand=True)
    screen.group_form.set_values({"name": "Morning 1", "programme": "after_school"})
    screen.save_group()
    assert "morning or the afternoon" in screen.group_form.error_text("session")
    screen.group_form.set_values({"name": "Morning 1", "programme": "after_school",
                                  "session": "morning", "staff": "Sophea"})
    assert screen.save_group().staff_name == "Sophea"
    assert Group.get().session == "morning"
    assert str(screen.day_form.widgets["public"].cget("state")) == "disabled"
    screen.day_form.set_values({"day": "2026-12-10", "name": "Staff training"})
    screen.add_day()
    assert screen.days_table.total == 1
    assert DayOff.get().centre_id is not None
    screen.days_table.tree.selection_set(screen.days_table.tree.get_children()[0])
    screen.remove_day()
    assert not DayOff.select().exists()
