"""The family page: open a family by code, see its children and meetings, add a follow-up."""

from pse_desktop.services.meetings import followup as meetings_followup, planning as meetings
from pse_desktop.views.meetings.family import FamilyPageScreen
from tests.views.helpers import entry_of, rows, type_and_enter
from tests.views.meetings.fixtures import TODAY, staff_ctx, world  # noqa: F401


def _page(tk_root, ui, staff_ctx):  # noqa: F811
    page = FamilyPageScreen(ui, staff_ctx)
    page.pack(fill="both", expand=True)
    tk_root.update()
    return page


def test_family_page_opens_by_code_and_adds_a_follow_up(tk_root, ui, staff_ctx):  # noqa: F811
    page = _page(tk_root, ui, staff_ctx)
    page.code_var.set("f00001")
    assert page.open_code().family.code == "F00001"
    assert page.code_var.get() == "F00001"
    assert len(page.kids.winfo_children()) == 1
    page.form.set_values({"action": "Phone about the uniform"})
    page.add_button.invoke()
    assert len(page.followups.get_children()) == 1
    assert rows(page.followups)[0][2] == "Phone about the uniform"
    page.code_var.set("nope")
    page.open_code()
    assert "no family" in page.error.cget("text")


def test_meetings_the_family_was_invited_to_are_listed(tk_root, ui, staff_ctx, admin):  # noqa: F811
    hygiene = next(t for t in meetings.list_themes() if t.name == "Hygiene")
    f2 = meetings.family_by_code(admin, "F00002")
    centre_id = meetings.centre_choices(staff_ctx.actor)[0][0]
    meetings.save_meeting(staff_ctx.actor, None, {"centre_id": centre_id, "held_on": TODAY,
                                                  "theme_id": hygiene.id, "title": "Soap"},
                          family_ids=[f2.id])
    page = _page(tk_root, ui, staff_ctx)
    type_and_enter(tk_root, entry_of(page, page.code_var), "F00002")
    assert page.page is not None and page.page.family.code == "F00002"
    assert rows(page.meetings) == [(TODAY.isoformat(), "STM", "Soap", "planned", "")]
    page.form.set_values({"action": "", "due date": TODAY.isoformat()})
    page.add_button.invoke()
    assert "required" in page.form.error_text("action")
    assert meetings_followup.list_followups(staff_ctx.actor, state="all")[1] == 0
