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


def test_admin_edits_a_group_and_adds_a_public_holiday(tk_root, ui, admin, target):
    from pse_desktop.services.centres import groups as attendance_setup
    from tests.views.helpers import rows, select_row

    stm = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    attendance_setup.save_group(admin, None, stm.id, "Sun", "daycare")
    screen = SetupScreen(ui, ScreenContext(actor=admin, target=target,
                                           extra={"today": dt.date(2026, 11, 25)},
                                           confirm=lambda *a: False))
    screen.pack(fill="both", expand=True)
    select_row(tk_root, screen.groups_table.tree, lambda v: v[0] == "Sun")
    assert screen.group_form.values()["name"] == "Sun"
    screen.group_form.set_values({"name": "Sunflower", "active": False})
    screen.save_group()
    assert [(r[0], r[-1]) for r in rows(screen.groups_table.tree)] == [("Sunflower", "closed")]
    assert Group.get().name == "Sunflower" and not Group.get().active
    assert str(screen.day_form.widgets["public"].cget("state")) != "disabled"  # admins may
    screen.public_var.set(True)
    screen.day_form.set_values({"day": "10 December", "name": "Human Rights Day"})
    screen.add_day()
    assert screen.day_form.error_text("day") and not DayOff.select().exists()
    screen.day_form.set_values({"day": "2026-12-10"})
    screen.add_day()
    assert DayOff.get().centre_id is None  # for every centre
    assert rows(screen.days_table.tree)[0][:2] == ("2026-12-10", "Thursday")
    screen.days_table.tree.selection_set(screen.days_table.tree.get_children()[0])
    screen.remove_day()  # answered no
    assert DayOff.select().exists()
