"""The attendance tab of a meeting: keys mark who came, walk-ins and guests, save, follow-up."""

import pytest

from pse_desktop.services.meetings import followup as meetings_followup, planning as meetings
from pse_desktop.views.meetings.planning import MeetingsScreen
from tests.views.helpers import key, rows
from tests.views.meetings.fixtures import TODAY, staff_ctx, world  # noqa: F401


@pytest.fixture
def planned(staff_ctx, admin):  # noqa: F811
    """A meeting of today with F00001 invited (F00002 is not)."""
    hygiene = next(t for t in meetings.list_themes() if t.name == "Hygiene")
    f1 = meetings.family_by_code(admin, "F00001")
    centre_id = meetings.centre_choices(staff_ctx.actor)[0][0]
    return meetings.save_meeting(staff_ctx.actor, None, {
        "centre_id": centre_id, "held_on": TODAY, "theme_id": hygiene.id, "start_time": "15:00",
        "duration_min": 60}, family_ids=[f1.id])


def _tab(tk_root, ui, staff_ctx, meeting):  # noqa: F811
    screen = MeetingsScreen(ui, staff_ctx)
    screen.pack(fill="both", expand=True)
    screen.show_meeting(meetings.get_meeting(staff_ctx.actor, meeting.id))
    screen.notebook.select(screen.attendance)
    tk_root.update()
    return screen, screen.attendance


def test_y_and_n_keys_walk_in_and_guest_then_save(tk_root, ui, staff_ctx, planned):  # noqa: F811
    screen, tab = _tab(tk_root, ui, staff_ctx, planned)
    tree = tab.families.tree
    assert "0 families came of 1 invited" in tab.info.cget("text")
    key(tk_root, tree, "y")
    assert rows(tree)[0][1:3] == ("yes", "Sok Sophea (mother)")
    key(tk_root, tree, "n")
    assert rows(tree)[0][1] == "-"
    key(tk_root, tree, "space")
    tab.walk_var.set("F09999")
    tab.add_walk_in()
    assert tab.error.cget("text") and len(rows(tree)) == 1
    tab.walk_var.set("f00002")
    tab.add_walk_in()
    assert [r[0] for r in rows(tree)] == ["F00001", "F00002 *"]  # * not invited
    tab.guest_var.set("Grandmother Yim")
    tab.add_guest()
    assert "Grandmother Yim" in tab.guests_label.cget("text")
    tab.save_button.invoke()
    saved = meetings.get_meeting(staff_ctx.actor, planned.id)
    assert saved.status == "held" and saved.came_count == 3  # two families and a guest
    assert [g[0] for g in saved.guests] == ["Grandmother Yim"]
    assert "2 families came of 1 invited, 1 guests (held)" in tab.info.cget("text")


def test_someone_else_came_for_the_family(tk_root, ui, staff_ctx, planned):  # noqa: F811
    screen, tab = _tab(tk_root, ui, staff_ctx, planned)
    tab.who_box.set("Another relative")
    tab.who_box.event_generate("<<ComboboxSelected>>")
    tab.other_entry.insert(0, "Aunt Srey")
    tab.other_entry.focus_force()
    tk_root.update()
    tab.other_entry.event_generate("<KeyRelease>", keysym="y")  # the last key of the name
    tk_root.update()
    assert rows(tab.families.tree)[0][1:3] == ("yes", "Aunt Srey")
    tab.save()
    invitee = meetings.get_meeting(staff_ctx.actor, planned.id).invitees[0]
    assert invitee.came and invitee.attendee == "Aunt Srey" and invitee.guardian_id is None


def test_follow_up_for_the_chosen_family(tk_root, ui, staff_ctx, planned):  # noqa: F811
    screen, tab = _tab(tk_root, ui, staff_ctx, planned)
    tab.follow_form.set_values({"action": ""})
    tab.follow_button.invoke()
    assert "required" in tab.follow_form.error_text("action")
    tab.follow_form.set_values({"action": "Visit the family", "due date": "soon"})
    tab.follow_button.invoke()
    assert tab.follow_form.error_text("due date")
    tab.follow_form.set_values({"due date": TODAY.isoformat()})
    result = tab.add_followup()
    assert result.family_code == "F00001" and result.meeting_id == planned.id
    assert [f.action for f in meetings_followup.list_followups(staff_ctx.actor)[0]] == ["Visit the family"]
