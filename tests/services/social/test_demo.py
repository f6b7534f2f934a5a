"""Tests for pse_desktop.services.social.demo on a small database (the whole demo is run by
tests/cli/test_social.py)."""

import datetime as dt

import pytest

from pse_desktop.db.social import Assessment, CaseAssignment, Survey, SupportRequest
from pse_desktop.services.common.errors import ConflictError, PermissionDenied
from pse_desktop.services.social import demo
from tests.fixtures.social import social  # noqa: F401


def test_the_demo_follows_and_surveys_every_family_once(social, admin):
    line = demo.add_demo(admin, lambda m, f: None, dt.date.today())
    assert "3 families followed and surveyed" in line
    assert Survey.select().count() == 3 and CaseAssignment.select().count() == 3
    assert Assessment.select().count() >= 9
    assert SupportRequest.select().count() > 0
    with pytest.raises(ConflictError):
        demo.add_demo(admin, lambda m, f: None, dt.date.today())


def test_only_an_admin_fills_demo_data(social):
    with pytest.raises(PermissionDenied):
        demo.add_demo(social["lead"], lambda m, f: None, dt.date.today())
