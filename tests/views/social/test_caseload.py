"""The caseload window: a worker sees their own families overdue first; a team leader picks any
worker, sees the caseload sizes and assigns a family."""

import datetime as dt

from pse_desktop.formats import format_date
from pse_desktop.services.social import caseload
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.social.caseload import CaseloadScreen
from tests.conftest import pump
from tests.fixtures.social import social  # noqa: F401

TODAY = dt.date.today()


def test_a_leader_assigns_and_the_worker_sees_the_family(social, target, ui, tk_root):
    went = []
    lead_ctx = ScreenContext(actor=social["lead"], target=target, navigate=went.append,
                             extra={"today": TODAY})
    screen = CaseloadScreen(ui, lead_ctx)
    assert str(screen.worker_box.cget("state")) == "readonly"
    screen.form.set_values({"family": "f00002", "social worker": "Dara", "reason": ""})
    screen.assign()
    pump(tk_root)
    assert caseload.follow_status(social["stm_staff"], social["families"][1].id).worker == "Dara"
    screen.form.set_values({"family": "F00002", "social worker": "Sokha", "reason": ""})
    screen.assign()
    assert screen.form.error_text("reason")  # a reassignment needs a reason
    screen.form.set_values({"family": "F99999", "social worker": "Sokha"})
    screen.assign()
    assert "no family" in screen.form.error_text("family")
    assert "Dara: 1 (0 overdue)" in screen.team_label.cget("text")  # due today, not late
    screen.destroy()
    mine = CaseloadScreen(ui, ScreenContext(actor=social["worker"], target=target,
                                            navigate=went.append, extra={"today": TODAY}))
    assert str(mine.worker_box.cget("state")) == "disabled" and mine.form is None
    items = mine.table.tree.get_children()
    assert [mine.table.tree.item(i, "values")[1] for i in items] == ["F00002"]
    assert mine.table.tree.item(items[0], "values")[0] == format_date(TODAY)
    mine.table.tree.selection_set(items[0])
    mine.open_file()
    assert went == ["social_family"]
    assert mine.ctx.extra["social_family_id"] == social["families"][1].id
    mine.destroy()


def test_centre_staff_see_on_the_family_page_only_who_follows_the_family(social, target, ui):
    from pse_desktop.services.social import survey
    from pse_desktop.views.meetings.family import FamilyPageScreen

    fam = social["families"][0]
    caseload.assign(social["lead"], fam.id, social["worker"].id, today=TODAY)
    survey.save_survey(social["worker"], fam.id, {"case_notes": "very private"})
    screen = FamilyPageScreen(ui, ScreenContext(actor=social["stm_staff"], target=target,
                                                extra={"today": TODAY}))
    screen.show_family(fam.id)
    texts = [w.cget("text") for w in screen.head.winfo_children() if "text" in w.keys()]
    assert any("Followed by the social team: Dara" in t for t in texts)
    assert not any("private" in str(t) for t in texts)
    screen.destroy()


def test_a_leader_sees_every_overdue_family_of_the_team(social, target, ui):
    lead = social["lead"]
    for fam, worker in zip(social["families"], ("worker", "worker2", "worker")):
        caseload.assign(lead, fam.id, social[worker].id,
                        start_on=TODAY - dt.timedelta(days=20), today=TODAY)
    screen = CaseloadScreen(ui, ScreenContext(actor=lead, target=target,
                                              extra={"today": TODAY}))
    screen.worker_var.set("(every overdue family)")
    screen.reload()
    codes = [screen.table.tree.item(i, "values")[1] for i in screen.table.tree.get_children()]
    assert codes == ["F00001", "F00002", "F00003"]
    screen.destroy()
