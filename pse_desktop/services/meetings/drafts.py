"""Drafts of the meeting form: what a user typed (notes above all) before the meeting could be
saved, kept as they type and brought back the next time; dropped when the meeting is saved."""

from __future__ import annotations

import datetime as dt
import json

from ...db import database
from ...db.meetings import MeetingDraft
from ..core import audit
from ..common.errors import ValidationError
from .planning import AREA
from ..core.permissions import Actor, require
from ...i18n import _


def save_draft(actor: Actor, meeting_id: int | None, fields: dict) -> None:
    """Keep the user's unsaved meeting form (notes included) until it is saved or dropped."""
    require(actor, "meetings.plan")
    if actor.id is None:
        return
    data = json.dumps({k: ("" if v is None else str(v)) for k, v in fields.items()}, ensure_ascii=False)
    if len(data) > 100000:
        raise ValidationError("notes", _("are too long to keep as a draft"))
    where = (MeetingDraft.meeting.is_null() if meeting_id is None else MeetingDraft.meeting == meeting_id)
    with database.atomic():
        old = MeetingDraft.select().where(MeetingDraft.user == actor.id, where).first()
        if old is not None and old.data == data:
            return
        MeetingDraft.delete().where(MeetingDraft.user == actor.id, where).execute()
        MeetingDraft.create(user=actor.id, meeting=meeting_id, data=data, saved_at=dt.datetime.now())
        if old is None:
            audit.record(actor, AREA, "draft", "meeting", meeting_id or "",
                         "draft of a meeting form kept while typing")


def load_draft(actor: Actor, meeting_id: int | None) -> dict | None:
    """Return the user's draft of a meeting form (None when there is none)."""
    require(actor, "meetings.plan")
    if actor.id is None:
        return None
    where = (MeetingDraft.meeting.is_null() if meeting_id is None else MeetingDraft.meeting == meeting_id)
    row = MeetingDraft.select().where(MeetingDraft.user == actor.id, where).first()
    return json.loads(row.data) if row else None


def drop_draft(actor: Actor, meeting_id: int | None) -> None:
    require(actor, "meetings.plan")
    if actor.id is None:
        return
    where = (MeetingDraft.meeting.is_null() if meeting_id is None else MeetingDraft.meeting == meeting_id)
    with database.atomic():
        if MeetingDraft.delete().where(MeetingDraft.user == actor.id, where).execute():
            audit.record(actor, AREA, "draft", "meeting", meeting_id or "", "draft dropped")
