"""The daily register window: keyboard marks, everyone present, past days, closed days."""

import datetime as dt

import pytest

from pse_desktop.db.centres import Mark
from pse_desktop.services.centres import groups as attendance_setup, children, families
from pse_desktop.services.core import places
from pse_desktop.views.centres.register import RegisterScreen
from pse_desktop.views.common.base import ScreenContext

MONDAY = dt.date(2026, 11, 23)


@pytest.fixture
def setup(admin):
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    group = attendance_setup.save_group(admin, None, centre.id, "Sun", "daycare")
    fam = families.save_family(admin, None, "F00001")
    kids = []
    for i, (latin, km) in enumerate([("Chan Bopha", "ចាន់ បុប្ផា"), ("Chan Dara", "ចាន់ ដារ៉ា"),
                                     ("Chan Vanna", "ចាន់ វណ្ណា")]):
        kids.append(children.save_child(admin, None, dict(
            code=f"STM-{i:04d}", name_latin=latin, name_km=km, sex="F", birth_date=dt.date(2022, 1, 1 + i),
            family_id=fam.id, centre_id=centre.id, programme="daycare",
            enrolled_on=dt.date(2026, 1, 5)), group_id=group.id))
    return centre, group, kids


def key(tk_root, widget, keysym):
    widget.focus_force()
    tk_root.update()
    widget.event_generate(f"<KeyPress-{keysym}>" if len(keysym) == 1 else f"<{keysym}>")
    tk_root.update()


def make_screen(ui, actor, target, today=MONDAY):
    screen = RegisterScreen(ui, ScreenContext(actor=actor, target=target, extra={"today": today}))
    screen.pack(fill="both", expand=True)
    return screen


def test_a_week_with_the_keyboard_alone(tk_root, ui, admin, target, make_user, setup):
    centre, group, kids = setup
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    friday = MONDAY + dt.timedelta(days=4)
    screen = make_screen(ui, staff, target, today=friday)
    screen.date_var.set(MONDAY.isoformat())
    screen.reload()
    tk_root.update()
    assert len(screen.tree.get_children()) == 3
    assert screen.change_entry.winfo_ismapped()
    key(tk_root, screen.tree, "p")
    assert "reason" in screen.error.cget("text")
    for _day in range(4):
        screen.change_var.set("copied from paper")  # asked again for each past day
        key(tk_root, screen.tree, "p")
        key(tk_root, screen.tree, "a")
        key(tk_root, screen.tree, "Return")
        key(tk_root, screen.tree, "Control-Right")
    assert screen.day() == friday
    assert not screen.change_entry.winfo_ismapped()
    key(tk_root, screen.tree, "Down")
    key(tk_root, screen.tree, "e")
    key(tk_root, screen.tree, "F2")
    assert Mark.select().count() == 15
    statuses = {(m.child_id, m.day): m.status for m in Mark.select()}
    assert statuses[(kids[1].id, MONDAY)] == "A"
    assert statuses[(kids[1].id, friday)] == "E"
    assert statuses[(kids[0].id, friday)] == "P"
    assert "3 of 3 marked" in screen.info.cget("text")
    values = screen.tree.item(screen.iids[kids[1].id], "values")
    assert values[2] == "Excused" and values[3] == "Family event" and "Sophea" in values[4]


def test_closed_day_and_other_centre(tk_root, ui, admin, target, make_user, setup):
    centre, group, kids = setup
    attendance_setup.add_day_off(admin, MONDAY, "Independence Day")
    screen = make_screen(ui, admin, target)
    screen.select(centre.id, group.id, MONDAY)
    assert "Independence Day" in screen.info.cget("text")
    key(tk_root, screen.tree, "p")
    assert not Mark.select().exists()
    places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    other = make_user("vanna", "centre_staff", centres=["CBA"])
    screen2 = make_screen(ui, other, target)
    assert [c[1] for c in screen2.centres] == ["CBA"]
    assert not screen2.tree.get_children()


def test_a_register_saved_meanwhile_by_someone_else_is_shown_and_asked_about(
        tk_root, ui, admin, target, make_user, setup):
    from pse_desktop.services.centres import attendance

    centre, group, kids = setup
    sophea = make_user("sophea", "centre_staff", centres=["STM"])
    dara = make_user("dara", "centre_staff", centres=["STM"])
    asked, answers = [], [False, True]
    screen = RegisterScreen(ui, ScreenContext(
        actor=sophea, target=target, extra={"today": MONDAY},
        confirm=lambda parent, title, message: asked.append(message) or answers.pop(0)))
    screen.pack(fill="both", expand=True)
    screen.select(centre.id, group.id, MONDAY)
    attendance.record_day(dara, group.id, MONDAY, {kids[0].id: "A"}, today=MONDAY)
    key(tk_root, screen.tree, "p")  # Sophea marks the first child present, not knowing
    assert "Chan Bopha: Absent (Dara" in asked[0] and "Chan Bopha: Present" in asked[0]
    assert [(m.child_id, m.status) for m in Mark.select()] == [(kids[0].id, "A")]
    values = screen.tree.item(screen.iids[kids[0].id], "values")
    assert values[2] == "Absent" and "Dara" in values[4]  # their mark is on the screen
    assert "Dara changed this register" in screen.error.cget("text")
    screen.tree.focus(screen.iids[kids[0].id])
    key(tk_root, screen.tree, "p")  # she has seen their mark now: her change goes through
    assert len(asked) == 1
    assert [(m.child_id, m.status) for m in Mark.select()] == [(kids[0].id, "P")]
    key(tk_root, screen.tree, "a")  # her own saves never ask
    assert len(asked) == 1 and Mark.select().count() == 2
    attendance.record_day(dara, group.id, MONDAY, {kids[2].id: "S"}, today=MONDAY)
    screen.tree.focus(screen.iids[kids[2].id])
    key(tk_root, screen.tree, "l")  # asked again; this time she says yes
    assert "Chan Vanna: Sick (Dara" in asked[1]
    assert Mark.get(Mark.child == kids[2].id).status == "L"
def test_the_reason_for_a_past_day_is_asked_again_for_another_day(tk_root, ui, admin, target,
                                                                  setup):
    centre, group, kids = setup
    screen = make_screen(ui, admin, target, today=MONDAY + dt.timedelta(days=4))
    screen.date_var.set(MONDAY.isoformat())
    screen.reload()
    screen.change_var.set("copied from paper")
    key(tk_root, screen.tree, "p")
    assert Mark.select().where(Mark.day == MONDAY).count() == 1
    screen.reload()  # the same day again: the reason stays for the next mark of that day
    assert screen.change_var.get() == "copied from paper"
    screen.date_var.set((MONDAY + dt.timedelta(days=1)).isoformat())
    screen.reload()
    assert screen.change_var.get() == ""
    key(tk_root, screen.tree, "p")
    assert Mark.select().where(Mark.day == MONDAY + dt.timedelta(days=1)).count() == 0
    assert "reason" in screen.error.cget("text")
