"""The attendance history window, and the register remembering the last centre and group."""

import datetime as dt

from pse_desktop.services.centres import attendance, groups as attendance_setup, children, families
from pse_desktop.services.core import places
from pse_desktop.views.centres.history import ChildHistoryScreen
from pse_desktop.views.centres.register import RegisterScreen
from pse_desktop.views.common.base import ScreenContext

MONDAY = dt.date(2026, 11, 23)


def test_history_shows_each_mark_and_the_change_of_its_day(tk_root, ui, admin, target):
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    group = attendance_setup.save_group(admin, None, centre.id, "Sun", "daycare")
    fam = families.save_family(admin, None, "F00001")
    kid = children.save_child(admin, None, dict(
        code="STM-0001", name_latin="Chan Bopha", sex="F", birth_date=dt.date(2022, 1, 1),
        family_id=fam.id, centre_id=centre.id, programme="daycare",
        enrolled_on=dt.date(2026, 1, 5)), group_id=group.id)
    attendance.record_day(admin, group.id, MONDAY, {kid.id: "A"}, today=MONDAY)
    attendance.record_day(admin, group.id, MONDAY, {kid.id: "P"}, change_reason="came at 9",
                          today=MONDAY + dt.timedelta(days=1))
    said = []
    screen = ChildHistoryScreen(ui, ScreenContext(actor=admin, target=target,
                                                  status=lambda t, e=False: said.append(t)))
    screen.pack(fill="both", expand=True)
    screen.code_var.set("STM-0001")
    found = screen.show()
    rows = [screen.tree.item(i, "values") for i in screen.tree.get_children()]
    assert rows[0][0] == MONDAY.isoformat() and rows[0][2] == "Present"
    assert "came at 9" in rows[0][6] and "1 on days whose register was changed" in \
        screen.info.cget("text")
    assert found.marks[0].changes
    screen.code_var.set("XXX-1")
    assert screen.show() is None and said
    screen.destroy()

    # The register opens on the centre and group this user chose last.
    other = attendance_setup.save_group(admin, None, centre.id, "Moon", "daycare")
    places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    reg = RegisterScreen(ui, ScreenContext(actor=admin, target=target, extra={"today": MONDAY}))
    reg.centre_box.current([c[0] for c in reg.centres].index(centre.id))
    reg.load_groups()
    reg.group_box.current([g.id for g in reg.groups].index(other.id))
    reg.reload()
    reg.destroy()
    again = RegisterScreen(ui, ScreenContext(actor=admin, target=target, extra={"today": MONDAY}))
    assert again.centres[again.centre_box.current()][0] == centre.id
    assert again.groups[again.group_box.current()].id == other.id
    again.destroy()
