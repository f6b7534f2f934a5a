"""The emergency support window: a refusal needs a note; a limit is shown, not a traceback."""

import datetime as dt

from pse_desktop.formats import format_date
from pse_desktop.services.social import support
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.social.support import SupportScreen
from tests.conftest import pump
from tests.fixtures.social import social  # noqa: F401

TODAY = dt.date.today()
KM_MONTHS = ["មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា",
             "តុលា", "វិច្ឆិកា", "ធ្នូ"]


def test_refusal_needs_a_note_and_limits_are_explained(social, target, ui, tk_root):
    fam = social["families"][0]
    support.request_support(social["worker"], fam.id, "house", "USD", "900", why="roof")
    screen = SupportScreen(ui, ScreenContext(actor=social["lead"], target=target,
                                             confirm=lambda *a: True, extra={"today": TODAY}))
    tree = screen.table.tree
    tree.selection_set(tree.get_children()[0])
    screen.decide(True)
    assert "an admin must approve" in screen.message.cget("text")
    screen.decide(False)
    assert "note" in screen.message.cget("text")
    screen.note_var.set("ask the landlord")
    screen.decide(False)
    assert "refused" in screen.message.cget("text")
    assert support.list_requests(social["lead"])[0].status == "refused"
    screen.destroy()


def test_a_worker_cannot_decide_and_bad_amounts_are_named(social, target, ui, tk_root):
    screen = SupportScreen(ui, ScreenContext(actor=social["worker"], target=target,
                                             extra={"today": TODAY}))
    assert not hasattr(screen, "decide_button")
    screen.form.set_values({"family": "F00001", "kind": "fire", "currency": "KHR",
                            "amount": "12.50", "why": "kitchen burnt"})
    screen.request_button.invoke()
    pump(tk_root)
    assert "decimals" in screen.form.error_text("amount")
    assert support.list_requests(social["worker"]) == []
    screen.destroy()


def test_a_request_keeps_its_follow_up_date(social, target, ui, lang):
    import datetime as dt

    screen = SupportScreen(ui, ScreenContext(actor=social["worker"], target=target,
                                             extra={"today": TODAY}))
    day = TODAY + dt.timedelta(days=30)
    screen.form.set_values({"family": "F00001", "kind": "illness", "currency": "USD",
                            "amount": "20", "why": "hospital", "follow-up date": "1800-01-01"})
    screen.request_button.invoke()
    assert "two years" in screen.form.error_text("follow-up date")
    screen.form.set_values({"follow-up date": day.isoformat()})
    screen.request_button.invoke()
    tree = screen.table.tree
    tree.selection_set(tree.get_children()[0])
    screen.show_selected()
    assert f"Follow-up on {format_date(day)}" in screen.detail.cget("text")
    lang("km")  # the month in Khmer, not the English abbreviation
    screen.show_selected()
    assert f"ការតាមដាននៅថ្ងៃ {day.day} {KM_MONTHS[day.month - 1]} {day.year}" in screen.detail.cget("text")
    assert f"{day:%b}" not in screen.detail.cget("text")
    screen.destroy()
