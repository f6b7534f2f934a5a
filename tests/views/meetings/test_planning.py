"""Meetings window: a new user plans a meeting for a group, prints the sign sheet, records who
came, adds a follow-up for a family that did not come and finds it in the overdue list."""

import datetime as dt
import subprocess
import time

import pytest

from pse_desktop.db.meetings import Meeting
from pse_desktop.services.centres import groups as attendance_setup, children, families
from pse_desktop.services.meetings import planning as meetings, drafts as meetings_drafts
from pse_desktop.services.core import places
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.meetings.planning import MeetingsScreen
from pse_desktop.views.meetings.family import FamilyPageScreen
from pse_desktop.views.meetings.followup import FollowUpsScreen
from pse_desktop.views.meetings.reports import MeetingReportsScreen

TODAY = dt.date.today()


def wait(root, task, seconds=20):
    end = time.time() + seconds
    while not task.finished and time.time() < end:
        root.update()
        time.sleep(0.02)
    assert task.finished


@pytest.fixture
def world(admin):
    stm = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    sun = attendance_setup.save_group(admin, None, stm.id, "Sun", "daycare")
    for n, (km, latin, kid) in enumerate([("សុខ សុភា", "Sok Sophea", "Sok Dara"),
                                          ("ចាន់ ធីតា", "Chan Thida", "Chan Vanna")], start=1):
        f = families.save_family(admin, None, f"F0000{n}", guardians=[
            {"name_latin": latin, "name_km": km, "relation": "mother"}])
        children.save_child(admin, None, {
            "code": f"STM-000{n}", "name_latin": kid, "sex": "M",
            "birth_date": TODAY.replace(year=TODAY.year - 4), "programme": "daycare",
            "enrolled_on": TODAY - dt.timedelta(days=30), "family_id": f.id, "centre_id": stm.id},
            group_id=sun.id)
    return stm


@pytest.fixture
def staff_ctx(make_user, world, target, tmp_path):
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    told = []
    return ScreenContext(actor=staff, target=target, extra={"today": TODAY},
                         choose_file=lambda parent, mode, **kw: str(tmp_path / kw["initialfile"]),
                         inform=lambda parent, title, msg: told.append(msg), status=told.append)


def test_plan_print_record_follow_up_and_find_it_overdue(tk_root, ui, staff_ctx, tmp_path):
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


def test_notes_are_kept_while_typing_and_when_leaving(tk_root, ui, staff_ctx):
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


def test_family_page_and_reports_screens(tk_root, ui, staff_ctx, admin, world, tmp_path):
    page = FamilyPageScreen(ui, staff_ctx)
    page.pack(fill="both", expand=True)
    page.code_var.set("f00001")
    assert page.open_code().family.code == "F00001"
    assert len(page.kids.winfo_children()) == 1
    page.form.set_values({"action": "Phone about the uniform"})
    page.add_button.invoke()
    assert len(page.followups.get_children()) == 1
    page.code_var.set("nope")
    page.open_code()
    assert "no family" in page.error.cget("text")
    page.destroy()

    reports = MeetingReportsScreen(ui, ScreenContext(
        actor=admin, target=staff_ctx.target, extra={"today": TODAY},
        choose_file=lambda parent, mode, **kw: str(tmp_path / kw["initialfile"]),
        inform=lambda *a: None))
    reports.pack(fill="both", expand=True)
    tk_root.update()
    assert reports.draw_chart() is not None
    wait(tk_root, reports.themes_pdf())
    reports.theme_form.set_values({"name": "Nutrition"})
    assert reports.save_theme().name == "Nutrition"
    reports.from_var.set("nonsense")
    assert reports.participation_pdf() is None and "from" in reports.error.cget("text")


def test_follow_up_screen_adds_assigns_and_closes(tk_root, ui, staff_ctx, make_user):
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
