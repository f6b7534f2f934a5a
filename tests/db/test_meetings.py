"""Meetings' tables: a family once per meeting, unique theme names, one draft per user and meeting;
a meeting takes its families and guests along, and a follow-up outlives its meeting."""

import datetime as dt

import peewee
import pytest

from pse_desktop.db import database
from pse_desktop.db.centres import Family
from pse_desktop.db.core import Centre, User
from pse_desktop.db.meetings import FollowUp, Meeting, MeetingDraft, MeetingFamily, MeetingGuest, Theme


@pytest.fixture
def meeting(target):
    stm = Centre.create(code="STM", name="Stung Meanchey", area="Phnom Penh")
    theme = Theme.get(Theme.name == "Hygiene")  # the themes are seeded with the tables
    return Meeting.create(centre=stm, held_on=dt.date(2026, 3, 2), theme=theme), Family.create(code="F1")


def test_a_family_once_per_meeting_and_theme_names_once(meeting):
    m, fam = meeting
    MeetingFamily.create(meeting=m, family=fam)
    for make in (lambda: MeetingFamily.create(meeting=m, family=fam), lambda: Theme.create(name="Hygiene")):
        with pytest.raises(peewee.IntegrityError):
            with database.atomic():
                make()


def test_deleting_a_meeting_keeps_its_follow_ups(meeting):
    m, fam = meeting
    MeetingFamily.create(meeting=m, family=fam)
    MeetingGuest.create(meeting=m, name="Dr. Chea")
    user = User.create(username="sophea", role="centre_staff", password_hash="x")
    MeetingDraft.create(user=user, meeting=m, data="{}")
    f = FollowUp.create(family=fam, centre=m.centre, meeting=m, action="Visit", due_on=dt.date(2026, 3, 16))
    m.delete_instance()
    assert (MeetingFamily.select().count(), MeetingGuest.select().count(),
            MeetingDraft.select().count()) == (0, 0, 0)
    assert FollowUp.get_by_id(f.id).meeting_id is None
