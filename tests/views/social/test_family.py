"""The family file window: the issue's path as a new social-team user would take it — survey a
family, see its priority and why, record an assessment and see what changed, request support
that a team leader approves, pay it in two instalments with receipts, print the family file —
and a centre staff user who cannot read any of it."""

import datetime as dt
import shutil
import time

import pytest

from pse_desktop.db.social import SupportPayment
from pse_desktop.services.common.errors import PermissionDenied
from pse_desktop.services.social import caseload, support, survey
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.social.family import FamilyFileScreen
from pse_desktop.views.social.support import SupportScreen
from tests.conftest import pump
from tests.fixtures.social import social  # noqa: F401

TODAY = dt.date.today()


def wait(root, screen, seconds=30):
    end = time.time() + seconds
    while not screen.last_task.finished and time.time() < end:
        root.update()
        time.sleep(0.02)
    assert screen.last_task.finished


def ctx_for(actor, target, opened, **extra):
    return ScreenContext(actor=actor, target=target, confirm=lambda *a: True,
                         inform=lambda *a: None,
                         extra={"today": TODAY, "open_file": opened.append, **extra})


def type_member(screen, **values):
    for key, value in values.items():
        screen.members.vars[key].set(value)
    screen.members.add()


def test_a_social_worker_surveys_assesses_and_gets_support_paid(social, target, ui, tk_root):
    fam = social["families"][0]
    caseload.assign(social["lead"], fam.id, social["worker"].id, today=TODAY)
    opened = []
    screen = FamilyFileScreen(ui, ctx_for(social["worker"], target, opened))
    screen.pack(fill="both", expand=True)
    screen.code_var.set("f00001")
    screen.open_code()
    pump(tk_root)
    assert "Dara" in screen.head.cget("text")
    # the survey, typed as in the field: the household, a debt, the housing
    screen.visit_form.vars["visit date"].set(str(TODAY - dt.timedelta(days=1)))
    type_member(screen, name="Sok Sophea", relation="mother", age="34", occupation="vendor",
                income_khr="300000")
    type_member(screen, name="Sok Dara", relation="son", age="8", in_school=True)
    screen.debts.vars["lender"].set("microfinance")
    screen.debts.vars["owed_khr"].set("2000000")
    screen.debts.vars["monthly_repayment_khr"].set("200000")
    screen.debts.add()
    screen.housing_form.vars["tenure"].set("squatting")
    assert screen.has_unsaved_changes()
    screen.complete_button.invoke()
    pump(tk_root)
    assert "saved (complete)" in screen.message.cget("text")
    assert not screen.has_unsaved_changes()
    # income 300,000 / 30 / 2 = 5,000 a day: 45% of the line (40), debt 66% (20), squatting 15
    assert "Urgent" not in screen.level_label.cget("text")
    assert "High" in screen.level_label.cget("text")
    assert "45% of the poverty line" in screen.reasons.cget("text")
    # an assessment, then a second one: the trend shows
    for day, income in ((TODAY - dt.timedelta(days=1), "2"), (TODAY, "3")):
        screen.a_vars["date"].set(str(day))
        for d in ("income", "housing", "health", "education", "protection"):
            screen.a_vars[d].set(income if d == "income" else "2")
        screen.a_form.vars["what changed"].set("found work" if income == "3" else "")
        screen.a_form.vars["next step 1"].set("visit the school" if income == "3" else "")
        screen.a_button.invoke()
        pump(tk_root)
    assert "Income ↑" in screen.message.cget("text")
    assert len(screen.a_tree.get_children()) == 2
    # support: requested in the support screen, approved by the team leader, paid twice
    screen.to_support()
    sup = SupportScreen(ui, ctx_for(social["worker"], target, opened,
                                    social_support_family="F00001"))
    sup.on_show()
    support.set_budget(social["lead"], TODAY.year, "school", "500")
    sup.form.set_values({"kind": "school", "currency": "USD", "amount": "40",
                         "payments": "2", "why": "stay in school"})
    sup.request_button.invoke()
    pump(tk_root)
    assert "recorded: 2 x $40.00" in sup.message.cget("text")
    lead = SupportScreen(ui, ctx_for(social["lead"], target, opened))
    lead.table.tree.selection_set(lead.table.tree.get_children()[0])
    lead.show_selected()
    assert "School continuation budget" in lead.detail.cget("text") and "left $500.00" in lead.detail.cget("text")
    lead.decide(True)
    assert "approved" in lead.message.cget("text")
    sup.state_var.set("Approved")
    sup.reload()
    for n in (1, 2):
        sup.table.tree.selection_set(sup.table.tree.get_children()[0])
        sup.received_var.set("Sok Sophea")
        sup.pay_button.invoke()
        wait(tk_root, sup)
        assert f"Instalment {n}/2 paid" in sup.message.cget("text") or "Saved" in \
            sup.message.cget("text")
    assert [p.receipt_no for p in SupportPayment.select().order_by(SupportPayment.id)] == [
        f"RC-{TODAY.year}-0001", f"RC-{TODAY.year}-0002"]
    receipts = [p for p in opened if "receipt" in str(p)]
    assert len(receipts) == 2 and all(p.exists() and p.stat().st_size > 1000 for p in receipts)
    screen.print_file()
    wait(tk_root, screen)
    assert opened[-1].name == "family-file-F00001.pdf" and opened[-1].exists()
    for w in (screen, sup, lead):
        w.destroy()


def test_bad_input_is_shown_on_the_right_tab_and_nothing_is_saved(social, target, ui, tk_root):
    fam = social["families"][1]
    screen = FamilyFileScreen(ui, ctx_for(social["worker"], target, []))
    screen.load(fam.id)
    type_member(screen, name="Chan Thida", relation="mother", age="three hundred")
    screen.save_button.invoke()
    pump(tk_root)
    assert "member 1: age" in screen.message.cget("text")
    screen.members.set_rows([])
    screen.idpoor_form.vars["IDPoor level"].set("2")
    screen.save_button.invoke()
    pump(tk_root)
    assert screen.idpoor_form.error_text("IDPoor number")
    assert survey.get_survey(social["worker"], fam.id).status == "none"
    screen.destroy()


def test_centre_staff_cannot_open_a_family_file(social, target, ui):
    fam = social["families"][0]
    survey.save_survey(social["worker"], fam.id, {"case_notes": "secret"})
    screen = FamilyFileScreen(ui, ctx_for(social["stm_staff"], target, []))
    screen.load(fam.id)
    assert screen.family_id is None
    assert str(screen.save_button.cget("state")) == "disabled"
    assert "case_notes" not in screen.notes
    with pytest.raises(PermissionDenied):
        survey.get_survey(social["stm_staff"], fam.id)
    screen.destroy()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")
def test_the_blank_survey_prints_from_the_window(social, target, ui, tk_root):
    opened = []
    screen = FamilyFileScreen(ui, ctx_for(social["worker"], target, opened))
    screen.print_blank()
    wait(tk_root, screen)
    assert opened and opened[0].name == "blank-survey.pdf"
    screen.destroy()


def test_the_family_file_shows_its_members_training(social, target, ui, tk_root, make_user):
    from tests.fixtures.training import select_two, training as make_training

    data = make_training.__wrapped__(social, make_user)
    select_two(data)
    screen = FamilyFileScreen(ui, ctx_for(social["worker"], target, []))
    screen.load(social["families"][0].id)
    rows = [screen.t_tree.item(i, "values") for i in screen.t_tree.get_children()]
    assert sorted((r[0], r[1], r[2]) for r in rows) == [
        ("Cooking 2026-A", "Sok Rith", "selected"), ("Cooking 2026-A", "Sok Sophea", "selected")]
