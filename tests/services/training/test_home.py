"""Tests for pse_desktop.services.training.home: the card of follow-ups due after a course, for
those who record them only, and the home page shows it."""

import datetime as dt

from pse_desktop.services.core import home
from pse_desktop.services.training import after, home as training_home, progress
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import take_course, training  # noqa: F401


def test_the_card_lists_follow_ups_due_until_they_are_recorded(training, target):
    worker = training["worker"]
    first, _second = take_course(training)
    progress.complete(worker, training["course"].id, today=TODAY)
    assert training_home.home_cards(worker, target, today=TODAY) == []
    later = TODAY + dt.timedelta(days=200)  # past the 3- and 6-month follow-ups
    card, = training_home.home_cards(worker, target, today=later)
    assert card.title == "2 training follow-ups due" and card.screen == "training_after"
    assert len(card.lines) == 2
    assert card.lines == ("Sok Sophea: 3 months, due 28 Feb", "Sok Sophea: 6 months, due 30 May")
    after.record_follow_up(worker, first, 3, True, "150", today=later)
    card, = training_home.home_cards(worker, target, today=later)
    assert card.title == "1 training follow-up due" and len(card.lines) == 1
    after.record_follow_up(worker, first, 6, True, "150", today=later)
    assert training_home.home_cards(worker, target, today=later) == []


def test_only_those_who_record_follow_ups_see_the_card(training, target):
    first, _second = take_course(training)
    progress.complete(training["worker"], training["course"].id, today=TODAY)
    later = TODAY + dt.timedelta(days=400)
    assert training_home.home_cards(training["trainer"], target, today=later) == []
    assert training_home.home_cards(training["stm_staff"], target, today=later) == []
    assert len(training_home.home_cards(training["lead"], target, today=later)) == 1


def test_more_than_five_are_counted_and_the_home_page_has_the_card(training, target):
    from pse_desktop.db.training import Trainee

    take_course(training)
    progress.complete(training["worker"], training["course"].id, today=TODAY)
    Trainee.update(status="completed", completed_on=TODAY - dt.timedelta(days=800)).execute()
    card, = training_home.home_cards(training["worker"], target, today=TODAY)
    assert card.title == "6 training follow-ups due" and card.lines[-1] == "... and 1 more"
    assert len(card.lines) == 6
    titles = [c.title for c in home.cards_for(training["worker"], target)]
    assert "6 training follow-ups due" in titles
