"""Meetings window: a new user plans a meeting for a group, prints the sign sheet, records who
came, adds a follow-up for a family that did not come and finds it in the overdue list."""

import datetime as dt
import subprocess
import time

from pse_desktop.db.meetings import Meeting
from pse_desktop.services.meetings import planning as meetings, drafts as meetings_drafts
from pse_desktop.views.meetings.followup import FollowUpsScreen
from pse_desktop.views.meetings.planning import MeetingsScreen
from tests.views.helpers import rows, wait
from tests.views.meetings.fixtures import TODAY, staff_ctx, world  # noqa: F401


def test_plan_print_record_follow_up_and_find_it_overdue(tk_root, ui, staff_ctx, tmp_path):  # noqa: F811
    screen = MeetingsScreen(ui, staff_ctx)
    screen.pack(fill="both", expand=True)
    tk_root.update()
    # nothing chosen: the message names the missing field
    screen.form.set_values({"date": ""})
    screen.save_button.invoke()
    assert "required" in screen.form.error_text("date") and Meeting.select().count() == 0
    screen.form.set_values({"date": TODAY.isoformat(), "time": "15:00"})
    screen.save_button.invoke()
    assert "required" in screen.form.error_text("theme")
    screen.form.set_values({"theme": "Hygiene", "title": "Washing hands"})
    screen.invite_var.set(next(label for label, _kw in screen.invite_options if "Sun" in label))
    screen.invite_button.invoke()
    assert len(screen.families.tree.get_children()) == 2
    task = screen.print_sign_sheet()
    assert screen.meeting is not None and screen.meeting.invited_count == 2
    wait(tk_root, task)
    pdf = tmp_path / f"sign-sheet-STM-{TODAY}.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Sok Sophea" in text and "thumbprint" in text

    tab = screen.attendance
    screen.notebook.select(tab)
    tk_root.update()
    tree = tab.families.tree
    tab.families.select(tab.families.keys[tree.get_children()[0]])  # F00001
    tree.focus_force()
    tk_root.update()
    tree.event_generate("<KeyPress-y>")
    tk_root.update()
    assert tree.item(tree.get_children()[0], "values")[1] == "yes"
    tab.save_button.invoke()
    assert screen.meeting.status == "held" and screen.meeting.came_count == 1
    absent = tab.families.keys[tree.get_children()[1]]
    tab.families.select(absent)
    tab.follow_form.set_values({"due date": (TODAY - dt.timedelta(days=1)).isoformat()})
    follow = tab.add_followup()
    assert follow.family_code == "F00002"

    ui_list = FollowUpsScreen(ui, staff_ctx)
    ui_list.pack(fill="both", expand=True)
    tk_root.update()
    rows = [ui_list.table.tree.item(i, "values") for i in ui_list.table.tree.get_children()]
    assert [r[1] for r in rows] == ["F00002"] and "1 overdue" in ui_list.summary.cget("text")


def test_notes_are_kept_while_typing_and_when_leaving(tk_root, ui, staff_ctx):  # noqa: F811
    screen = MeetingsScreen(ui, staff_ctx)
    screen.pack(fill="both", expand=True)
    tk_root.update()
    screen.notes.insert("1.0", "Mothers asked about soap")
    screen.notes.focus_force()
    tk_root.update()
    screen.notes.event_generate("<KeyRelease>", keysym="p")
    assert screen._autosave_job is not None
    screen.pack_forget()  # leaving the screen saves at once
    tk_root.update()
    draft = meetings_drafts.load_draft(staff_ctx.actor, None)
    assert draft["notes"] == "Mothers asked about soap"
    screen.destroy()
    again = MeetingsScreen(ui, staff_ctx)
    assert again.notes_text() == "Mothers asked about soap"
    again.form.set_values({"date": TODAY.isoformat(), "theme": "Hygiene"})
    m = again.save()
    assert m.notes == "Mothers asked about soap" and meetings_drafts.load_draft(staff_ctx.actor, None) is None
    again.notes.insert("end", ". Next time: toothbrushes")
    again._changed(notes=True)
    end = time.time() + 3
    while time.time() < end and again._autosave_job is not None:
        tk_root.update()
        time.sleep(0.05)
    assert meetings.get_meeting(staff_ctx.actor, m.id).notes.endswith("toothbrushes")


def test_families_are_added_by_code_and_removed_with_delete(tk_root, ui, staff_ctx):  # noqa: F811
    from tests.views.helpers import key

    screen = MeetingsScreen(ui, staff_ctx)
    screen.pack(fill="both", expand=True)
    tk_root.update()
    screen.family_code_var.set("F09999")
    screen.add_family_code()
    assert screen.invite_error.cget("text") and not rows(screen.families.tree)
    for code in ("f00002", "F00001"):
        screen.family_code_var.set(code)
        screen.add_family_code()
    assert [r[0] for r in rows(screen.families.tree)] == ["F00001", "F00002"]
    assert screen.count_label.cget("text") == "2 families invited"
    screen.families.select(screen.families.keys[screen.families.tree.get_children()[0]])
    key(tk_root, screen.families.tree, "Delete")
    assert [r[0] for r in rows(screen.families.tree)] == ["F00002"]
    screen.form.set_values({"date": TODAY.isoformat(), "theme": "Hygiene"})
    saved = screen.save()
    assert [i.family_code for i in saved.invitees] == ["F00002"]
    assert rows(screen.table.tree)[0][0] == TODAY.isoformat()


def test_who_came_not_saved_is_asked_about_before_it_is_dropped(tk_root, ui, staff_ctx):
    answers, asked = ["cancel", "save"], []
    staff_ctx.ask_unsaved = lambda parent, title, msg: asked.append(msg) or answers.pop(0)
    screen = MeetingsScreen(ui, staff_ctx)
    screen.pack(fill="both", expand=True)
    tk_root.update()
    screen.form.set_values({"date": TODAY.isoformat(), "time": "15:00", "theme": "Hygiene",
                            "title": "Washing hands"})
    screen.invite_var.set(next(label for label, _kw in screen.invite_options if "Sun" in label))
    screen.invite_button.invoke()
    screen.save_button.invoke()
    tab = screen.attendance
    tree = tab.families.tree
    tab.families.select(tab.families.keys[tree.get_children()[0]])
    assert not screen.has_unsaved()
    tab.set_came(True)
    assert screen.has_unsaved()
    screen.new()  # Cancel: the meeting and its ticks stay
    assert screen.meeting is not None and tree.item(tree.get_children()[0], "values")[1] == "yes"
    screen.new()  # Save: recorded, then the new meeting
    assert "not saved" in asked[0] and len(asked) == 2
    assert Meeting.get().status == "held" and screen.meeting is None
    screen.destroy()
