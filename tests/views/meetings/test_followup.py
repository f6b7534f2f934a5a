"""The follow-ups screen: add one with its errors, assign it, list overdue ones, close them."""

import datetime as dt

from pse_desktop.services.meetings import followup as meetings_followup, planning as meetings
from pse_desktop.views.meetings.followup import FollowUpsScreen
from tests.views.helpers import is_disabled, rows, select_row
from tests.views.meetings.fixtures import TODAY, staff_ctx, world  # noqa: F401


def test_follow_up_screen_adds_assigns_and_closes(tk_root, ui, staff_ctx, make_user):  # noqa: F811
    make_user("dara", "social_team")
    screen = FollowUpsScreen(ui, staff_ctx)
    screen.pack(fill="both", expand=True)
    tk_root.update()
    assert screen.form.vars["who"].get() == "Sophea"
    screen.form.set_values({"family": "F00002", "action": "", "who": "Dara"})
    screen.save_button.invoke()
    assert "required" in screen.form.error_text("action")
    screen.form.set_values({"action": "Bring the school letter",
                            "due date": (TODAY - dt.timedelta(days=2)).isoformat()})
    saved = screen.save()
    assert saved.assigned_to == "Dara" and saved.overdue(TODAY)
    tree = screen.table.tree
    assert [tree.item(i, "values")[1] for i in tree.get_children()] == ["F00002"]
    tree.selection_set(tree.get_children()[0])
    tk_root.update()
    screen.done_button.invoke()
    assert "came of it" in screen.form.error_text("outcome")
    screen.form.set_values({"outcome": "Letter received"})
    screen.done_button.invoke()
    assert screen.table.total == 0 and screen.summary.cget("text") == ""


def test_unknown_family_and_editing_an_open_follow_up(tk_root, ui, staff_ctx, admin):  # noqa: F811
    f1 = meetings.family_by_code(admin, "F00001")
    meetings_followup.add_followup(staff_ctx.actor, f1.id, "Phone the mother",
                                   due_on=TODAY + dt.timedelta(days=3), today=TODAY)
    screen = FollowUpsScreen(ui, staff_ctx)
    screen.pack(fill="both", expand=True)
    tk_root.update()
    assert is_disabled(screen.done_button)
    screen.form.set_values({"family": "F09999", "action": "Visit"})
    screen.save_button.invoke()
    assert "F09999" in screen.form.error_text("family")
    assert screen.state_var.get() == "Overdue"
    assert not rows(screen.table.tree)  # overdue only, and this one is not due yet
    screen.state_var.set("To do")
    screen.reload()
    assert [r[1] for r in rows(screen.table.tree)] == ["F00001"]
    select_row(tk_root, screen.table.tree, lambda v: v[1] == "F00001")
    assert screen.form.values()["action"] == "Phone the mother" and not is_disabled(screen.done_button)
    screen.form.set_values({"action": "Phone the mother about soap"})
    screen.save_button.invoke()
    got = meetings_followup.list_followups(staff_ctx.actor, state="open")[0]
    assert [f.action for f in got] == ["Phone the mother about soap"]


def test_a_follow_ups_state_is_shown_in_the_readers_language(tk_root, ui, staff_ctx, admin,  # noqa: F811
                                                             lang):
    """The list's state column showed the stored code ('overdue') in every language, and an open
    follow-up read 'Ouvrir' (the button's verb) in French."""
    f1 = meetings.family_by_code(admin, "F00001")
    meetings_followup.add_followup(staff_ctx.actor, f1.id, "Phone the mother",
                                   due_on=TODAY - dt.timedelta(days=3), today=TODAY)
    lang("fr")
    screen = FollowUpsScreen(ui, staff_ctx)
    screen.pack(fill="both", expand=True)
    tk_root.update()
    assert [r[3] for r in rows(screen.table.tree)] == ["En retard"]
    screen.state_var.set("À faire")
    screen.reload()
    assert [r[3] for r in rows(screen.table.tree)] == ["En retard"]  # an overdue one is open too
