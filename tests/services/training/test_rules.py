"""Tests for pse_desktop.services.training.rules: who may manage, mark and view."""

import pytest

from pse_desktop.services.common.errors import PermissionDenied
from pse_desktop.services.core.permissions import can
from pse_desktop.services.training import rules
from tests.fixtures.social import social  # noqa: F401
from tests.fixtures.training import training  # noqa: F401


def test_who_holds_which_action(training, admin):
    for action, allowed in {"training.view": {"worker", "lead"},
                            "training.manage": {"worker", "lead"},
                            "training.mark": {"worker", "lead"},
                            "training.export": {"lead"}}.items():
        for who in ("worker", "lead", "stm_staff", "workshop", "shop", "trainer"):
            assert can(training[who], action) == (who in allowed), (action, who)
        assert can(admin, action)


def test_a_trainer_views_and_marks_only_their_own_course(training):
    course = training["course"]
    assert rules.may_view(training["trainer"]) and rules.is_trainer(training["trainer"])
    assert rules.require_mark(training["trainer"], course.id).id == course.id
    assert rules.require_mark(training["worker"], course.id).id == course.id
    assert not rules.may_view(training["stm_staff"])
    with pytest.raises(PermissionDenied):
        rules.require_view(training["shop"])
    with pytest.raises(PermissionDenied, match="not the trainer"):
        rules.require_mark(training["workshop"], course.id)


def test_the_window_offers_a_trainer_only_their_screens(training, make_user):
    from pse_desktop import areas

    def keys(actor):
        return {s.key for s in areas.screens()
                if s.key.startswith("training_") and areas.may_open(s, actor)}

    assert keys(training["trainer"]) == {"training_courses", "training_register",
                                         "training_skills"}
    assert len(keys(training["worker"])) == 6
    assert keys(make_user("nobody", "workshop_manager")) == set()
    assert keys(training["stm_staff"]) == set()


def test_a_deactivated_trainer_may_no_longer_view_or_mark(training, admin):
    from pse_desktop.services.core import users
    from pse_desktop.services.training import progress

    trainer = training["trainer"]
    users.set_active(admin, trainer.id, False)
    assert not rules.may_view(trainer) and not rules.is_trainer(trainer)
    with pytest.raises(PermissionDenied):
        rules.require_mark(trainer, training["course"].id)
    with pytest.raises(PermissionDenied):
        progress.register(trainer, 1)  # refused before the session is looked up
