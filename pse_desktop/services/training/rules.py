"""Permissions, settings and fixed lists of vocational training.

The social team manages courses and selects trainees (``training.manage``). Trainers are users
of any role: they mark attendance and skills of their own courses; the social team may mark any
course (``training.mark``). The training screens are for the social team, trainers and admins.
"""

from __future__ import annotations

from ...db.training import Course
from ..common.errors import NotFound, PermissionDenied
from ..core.permissions import Actor, can, fresh, register_actions, require
from ..core.settings import SettingDef, declare
from ...i18n import N_, _

AREA = "training"

TRAINEE_KINDS = ("guardian", "member", "outside")
STATUSES = ("selected", "waiting", "dropped", "completed")
MARKS = ("P", "A")
STEP_KINDS = ("application", "interview", "visit", "other")
OUTCOME_KINDS = ("placement", "business")
SUPPORT_KINDS = ("", "kind", "cash")
FOLLOW_MONTHS = (3, 6, 12)
WORDS = (N_("selected"), N_("waiting"), N_("dropped"), N_("completed"), N_("open"),
         N_("closed"), N_("guardian"), N_("member"), N_("outside"), N_("application"),
         N_("interview"), N_("visit"), N_("other"), N_("placement"), N_("business"),
         N_("kind"), N_("cash"))
"""States and kinds stored in English and shown through ``_(value)``: marked here so they
are extracted and translated."""

register_actions(
    {
        "training.view": N_("See vocational training courses, trainees and outcomes"),
        "training.manage": N_("Create courses, select trainees, record drop-outs and what the "
                           "courses led to"),
        "training.mark": N_("Mark attendance and skills of any course (trainers mark their own)"),
        "training.export": N_("Export the vocational training outcomes"),
    },
    {
        "social_team": ["training.view", "training.manage", "training.mark"],
        "social_lead": ["training.export"],
    },
)

declare(
    SettingDef("training_min_age", N_("Youngest trainee (years)"), "int", 14,
               N_("A young adult of a family may be trained from this age."), 10, 30),
    SettingDef("training_max_age", N_("Oldest young adult trainee (years)"), "int", 30,
               N_("A young adult of a family may be trained up to this age (guardians at any "
                  "age)."), 14, 60),
)


def is_trainer(actor: Actor) -> bool:
    """Whether the actor trains at least one course (and is still an active user)."""
    if actor is None or actor.id is None or fresh(actor) is None:
        return False
    return Course.select().where(Course.trainer == actor.id).exists()


def may_view(actor: Actor) -> bool:
    return can(actor, "training.view") or is_trainer(actor)


def require_marker(actor: Actor) -> None:
    """Refuse, before anything is read, whoever may mark no course at all."""
    if not (can(actor, "training.mark") or is_trainer(actor)):
        raise PermissionDenied("training.mark", _("not the trainer of this course"))


def require_view(actor: Actor) -> None:
    if not may_view(actor):
        raise PermissionDenied("training.view")


def require_mark(actor: Actor, course_id: int) -> Course:
    """The course, if the actor may mark it: its trainer, the social team or an admin."""
    require_marker(actor)
    course = Course.get_or_none(Course.id == course_id)
    if course is None:
        raise NotFound(_("course {course_id}").format(course_id=course_id))
    if course.trainer_id == actor.id or can(actor, "training.mark"):
        return course
    raise PermissionDenied("training.mark", _("not the trainer of this course"))


def require_manage(actor: Actor) -> None:
    require(actor, "training.manage")
