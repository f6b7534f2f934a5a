"""Vocational training documents as files: the certificates of a course's trainees who completed
it (Khmer and English, with the skills acquired), and the receipt of a business's start-up
support. Builds the plain data and has the reports draw it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ...db.core import User
from ...db.training import Acquired, Course, Outcome, Skill, Trainee
from ..common import validate
from ..common.errors import NotFound, ValidationError
from ..core import settings
from ..core.permissions import Actor
from .rules import require_view
from ...i18n import N_, _


def _d(value):
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class CertificateData:
    org: str
    certificate_no: str
    name: str
    name_km: str
    trade: str
    trade_km: str
    start_on: dt.date
    end_on: dt.date
    completed_on: dt.date
    skills: list[tuple[str, str]]  # (English, Khmer) acquired
    trainer: str


def certificates(actor: Actor, course_id: int, trainee_id: int | None = None) -> list[CertificateData]:
    """The certificates of the course's trainees who completed it (or of one of them)."""
    require_view(actor)
    course = Course.get_or_none(Course.id == course_id)
    if course is None:
        raise NotFound(_("course {course_id}").format(course_id=course_id))
    query = Trainee.select().where(Trainee.course == course_id, Trainee.status == "completed")
    if trainee_id is not None:
        query = query.where(Trainee.id == trainee_id)
    trainer = User.get_by_id(course.trainer_id)
    out = []
    for t in query.order_by(Trainee.name):
        skills = [(s.name, s.name_km) for s in Skill.select().join(
            Acquired, on=(Acquired.skill == Skill.id)).where(Acquired.trainee == t.id)
            .order_by(Skill.position)]
        out.append(CertificateData(settings.get("org_name"), t.certificate_no, t.name,
                                   t.name_km, course.trade.name, course.trade.name_km,
                                   _d(course.start_on), _d(course.end_on), _d(t.completed_on),
                                   skills, trainer.full_name or trainer.username))
    return out


def write_certificates(actor: Actor, course_id: int, out, trainee_id: int | None = None) -> Path:
    from ...reports.training.documents import render_certificates

    data = certificates(actor, course_id, trainee_id)
    if not data:
        raise ValidationError("certificates", _("nobody has completed this course yet"))
    return render_certificates(data, out)


@dataclass(frozen=True)
class SupportReceipt:
    org: str
    receipt_no: str
    given_on: dt.date
    name: str
    business: str
    support: str
    amount_text: str
    what: str
    given_by: str


def write_support_receipt(actor: Actor, outcome_id: int, out) -> Path:
    from ...reports.common.labels import both
    from ...reports.training.documents import render_support_receipt

    require_view(actor)
    row = Outcome.get_or_none(Outcome.id == outcome_id)
    if row is None or not row.receipt_no:
        raise NotFound(_("start-up support {outcome_id}").format(outcome_id=outcome_id))
    by = User.get_or_none(User.id == row.created_by_id)
    data = SupportReceipt(settings.get("org_name"), row.receipt_no, _d(row.start_on),
                          row.trainee.name, row.job,
                          both(N_("In kind") if row.support == "kind" else N_("Cash")),
                          validate.format_cents(row.support_usd_cents), row.support_what,
                          (by.full_name or by.username) if by else "")
    return render_support_receipt(data, out)
