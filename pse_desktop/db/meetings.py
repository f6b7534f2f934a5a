"""Parent meetings: themes, meetings with the families invited and who came, walk-ins,
follow-up actions for families, and the drafts that keep notes typed before a meeting is saved.
"""

import datetime as dt

import peewee as pw

from ..i18n import N_
from .centres import Family, Guardian
from .base import BaseModel
from .core import Centre, User
from .migrations import migration

AREA = "meetings"


class Theme(BaseModel):
    name = pw.CharField(max_length=80, unique=True)
    description = pw.CharField(max_length=400, default="")
    active = pw.BooleanField(default=True)

    class Meta:
        table_name = "meeting_theme"


class Meeting(BaseModel):
    centre = pw.ForeignKeyField(Centre, backref="meetings")
    held_on = pw.DateField()
    start_time = pw.CharField(max_length=5, default="")  # "HH:MM" or ""
    duration_min = pw.IntegerField(default=60)
    theme = pw.ForeignKeyField(Theme, backref="meetings")
    title = pw.CharField(max_length=120, default="")
    facilitators = pw.CharField(max_length=200, default="")  # staff or guests, free text
    notes = pw.TextField(default="")
    status = pw.CharField(max_length=10, default="planned")  # planned, held
    created_by = pw.ForeignKeyField(User, null=True, backref="+")
    created_at = pw.DateTimeField(default=dt.datetime.now)
    updated_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        indexes = ((("centre", "held_on"), False), (("held_on",), False))


class MeetingFamily(BaseModel):
    """A family at a meeting: invited (or a walk-in), whether someone came and who."""

    meeting = pw.ForeignKeyField(Meeting, backref="families", on_delete="CASCADE")
    family = pw.ForeignKeyField(Family, backref="meeting_links")
    invited = pw.BooleanField(default=True)  # False: came without being invited
    came = pw.BooleanField(default=False)
    guardian = pw.ForeignKeyField(Guardian, null=True, backref="+", on_delete="SET NULL")
    attendee = pw.CharField(max_length=80, default="")  # another relative who came instead

    class Meta:
        table_name = "meeting_family"
        indexes = ((("meeting", "family"), True), (("family", "meeting"), False))


class MeetingGuest(BaseModel):
    """Someone who came and is not in a family on file (a neighbour, a new mother)."""

    meeting = pw.ForeignKeyField(Meeting, backref="guests", on_delete="CASCADE")
    name = pw.CharField(max_length=80)
    note = pw.CharField(max_length=200, default="")

    class Meta:
        table_name = "meeting_guest"


class FollowUp(BaseModel):
    """An action for a family: what, who does it, by when, done or not, and what came of it."""

    family = pw.ForeignKeyField(Family, backref="meeting_followups")
    centre = pw.ForeignKeyField(Centre, backref="+")
    meeting = pw.ForeignKeyField(Meeting, null=True, backref="followups", on_delete="SET NULL")
    action = pw.CharField(max_length=300)
    assigned_to = pw.ForeignKeyField(User, null=True, backref="+")
    due_on = pw.DateField()
    done_on = pw.DateField(null=True)
    outcome = pw.TextField(default="")
    created_by = pw.ForeignKeyField(User, null=True, backref="+")
    created_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "meeting_followup"
        indexes = ((("done_on", "due_on"), False), (("family",), False), (("centre", "due_on"), False))


class MeetingDraft(BaseModel):
    """A user's unsaved meeting form (``meeting`` None: a new meeting), kept as they type."""

    user = pw.ForeignKeyField(User, backref="+", on_delete="CASCADE")
    meeting = pw.ForeignKeyField(Meeting, null=True, backref="+", on_delete="CASCADE")
    data = pw.TextField()  # JSON of the form's fields
    saved_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "meeting_draft"
        indexes = ((("user", "meeting"), True),)


MODELS_V1 = [Theme, Meeting, MeetingFamily, MeetingGuest, FollowUp, MeetingDraft]


@migration(AREA, 1, "meeting themes, meetings, families invited and present, guests, follow-ups")
def _v1(db):
    db.create_tables(MODELS_V1)
    Theme.insert_many([{"name": n, "description": d, "active": True} for n, d in (
        # seeded in English, marked for the catalogues: screens show them through local_name()
        (N_("Role of parents"), N_("What parents can do for their children's schooling and health")),
        (N_("Hygiene"), N_("Washing hands, clean water, dental care, food safety")),
        (N_("Children's rights"), N_("The rights of the child, protection from violence and work")),
        (N_("Women's rights"), N_("Women's rights at home and at work, help available")),
    )]).execute()
