"""Tests for pse_desktop.services.social.rules: who holds which action, the access record."""

from pse_desktop.db.social import FileAccess
from pse_desktop.services.core.permissions import can
from pse_desktop.services.social import rules
from tests.fixtures.social import social  # noqa: F401


def test_who_may_do_what(social, admin):
    table = {
        "social.status": {"stm_staff", "worker", "lead"},
        "social.view": {"worker", "lead"},
        "social.sensitive": {"worker", "lead"},
        "social.survey": {"worker", "lead"},
        "social.assign": {"lead"},
        "social.rule": {"lead"},
        "social.support.request": {"worker", "lead"},
        "social.support.approve": {"lead"},
        "social.support.pay": {"worker", "lead"},
        "social.budget": {"lead"},
        "social.export": {"lead"},
    }
    people = ("stm_staff", "cba_staff", "worker", "lead", "workshop", "shop")
    for action, allowed in table.items():
        for who in people:
            expected = who in allowed or (who == "cba_staff" and "stm_staff" in allowed)
            assert can(social[who], action) == expected, (action, who)
        assert can(admin, action)


def test_an_opening_is_recorded_with_who_and_what(social):
    rules.record_access(social["worker"], social["families"][0].id, "survey")
    row = FileAccess.get()
    assert (row.username, row.what, row.family_id) == ("dara", "survey", social["families"][0].id)
