"""Children and families window: a new user registers a family and a child."""

import datetime as dt

import pytest

from pse_desktop.db.centres import Child
from pse_desktop.services.centres import groups as attendance_setup
from pse_desktop.services.core import places
from pse_desktop.views.centres.children import ChildrenScreen
from pse_desktop.views.common.base import ScreenContext

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def screen(ui, admin, target):
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    attendance_setup.save_group(admin, None, centre.id, "Sun", "daycare")
    answers = []
    ctx = ScreenContext(actor=admin, target=target, extra={"today": TODAY},
                        confirm=lambda parent, title, msg: answers.pop(0))
    s = ChildrenScreen(ui, ctx)
    s.answers = answers
    s.pack(fill="both", expand=True)
    return s


def test_register_family_then_child_then_duplicate(tk_root, screen):
    screen.new_family()
    screen.family_form.set_values({"village": "Stung Meanchey", "guardian 1 name": "Sok Sophea",
                                   "guardian 1 Khmer name": "សុខ សុភា", "guardian 1 phone": "012 1"})
    family = screen.save_family()
    assert family.code == "F00001" and family.guardians[0].name_km == "សុខ សុភា"
    screen.new()
    assert screen.form.vars["code"].get() == "STM-0001"
    assert screen.form.vars["family"].get() == "F00001"
    screen.form.set_values({"Latin name": "Sok Dara", "Khmer name": "សុខ ដារ៉ា", "sex": "M",
                            "birth date": "2031-01-01", "group": "Sun"})
    screen.save()
    assert "future" in screen.form.error_text("birth date")
    screen.form.set_values({"birth date": "2015-01-01"})
    screen.save()
    assert "ages 3-6" in screen.form.error_text("age reason")
    screen.form.set_values({"birth date": "2022-05-01"})
    child = screen.save()
    assert child.group_name == "Sun" and child.family_code == "F00001"
    assert len(screen.siblings.winfo_children()) == 1
    screen.new()
    screen.form.set_values({"Latin name": "Sok  Dara", "sex": "M", "birth date": "2022-05-01",
                            "family": "F00001"})
    screen.answers.append(False)
    screen.save()
    assert Child.select().count() == 1
    screen.answers.append(True)
    screen.save()
    assert Child.select().count() == 2
    screen.search_var.set("ដារ៉ា")
    screen.search.focus_force()
    tk_root.update()
    screen.search.event_generate("<Return>")
    tk_root.update()
    assert screen.table.total == 1


def test_history_tab_shows_months_absences_and_groups(tk_root, screen, admin):
    from pse_desktop.services.centres import attendance, children, families
    from pse_desktop.services.centres.groups import list_groups

    fam = families.save_family(admin, None, "F00009")
    group = list_groups(admin)[0]
    kid = children.save_child(admin, None, dict(
        code="STM-0009", name_latin="Ly Dara", sex="M", birth_date="2022-01-01", family_id=fam.id,
        centre_id=group.centre_id, programme="daycare", enrolled_on="2026-01-05"), group_id=group.id)
    attendance.record_day(admin, group.id, "2026-11-23", {kid.id: "A"}, "paper", today=TODAY)
    attendance.record_day(admin, group.id, "2026-11-24", {kid.id: ("E", "Funeral")}, "paper",
                          today=TODAY)
    screen.table.refresh()
    iid = next(i for i, k in screen.table.keys.items() if k == kid.id)
    screen.table.tree.selection_set(iid)
    tk_root.update()
    rows = [screen.history.item(i, "values") for i in screen.history.get_children()]
    assert rows == [("2026-11", "0", "0", "1", "1", "0", "0%")]
    assert "Nov 24: excused (Funeral)" in screen.absences.cget("text")
    assert "Sun since Jan 5, 2026" in screen.groups_label.cget("text")
