"""After the course: job search steps (applications, interviews) as follow-up tasks, a placement
(employer, job, start, monthly wage) or a business (kind, start, start-up support in kind or cash
with a numbered receipt), and the follow-ups at 3, 6 and 12 months (still working? income)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import database
from ...db.core import User
from ...db.training import FollowUpVisit, JobStep, Outcome, Trainee
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core import audit
from ..core.permissions import Actor
from .progress import next_number
from .rules import (AREA, FOLLOW_MONTHS, STEP_KINDS, SUPPORT_KINDS,
                    require_manage, require_view)
from ...i18n import _


def _trainee(trainee_id: int, *, completed: bool = False) -> Trainee:
    row = Trainee.get_or_none(Trainee.id == trainee_id)
    if row is None:
        raise NotFound(_("trainee {trainee_id}").format(trainee_id=trainee_id))
    if completed and row.status != "completed":
        raise ConflictError(_("{name} has not completed the course ({state}).").format(
            name=row.name, state=_(row.status)))
    return row


def _d(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class StepInfo:
    id: int
    trainee_id: int
    kind: str
    employer: str
    note: str
    due_on: dt.date
    assigned_to: str
    done_on: dt.date | None
    outcome: str


def steps(actor: Actor, trainee_id: int) -> list[StepInfo]:
    require_view(actor)
    names = {u.id: u.full_name or u.username for u in User.select()}
    return [StepInfo(s.id, s.trainee_id, s.kind, s.employer, s.note, _d(s.due_on),
                     names.get(s.assigned_to_id, ""), _d(s.done_on), s.outcome)
            for s in JobStep.select().where(JobStep.trainee == trainee_id)
            .order_by(JobStep.due_on, JobStep.id)]


def add_step(actor: Actor, trainee_id: int, kind: str, *, employer: str = "", note: str = "",
             due_on=None, assigned_to_id: int | None = None,
             today: dt.date | None = None) -> StepInfo:
    """A job search step to do by a date; a trainee of a family with a child in a centre also
    gets it on the family's follow-up list."""
    from ..meetings.followup import add_followup
    from ..meetings.planning import family_centre

    require_manage(actor)
    today = today or dt.date.today()
    kind = validate.choice("step", kind, STEP_KINDS)
    employer = validate.text("employer", employer, 120, required=False)
    note = validate.text("note", note, 300, required=False)
    due_on = validate.date("due date", due_on, required=False) or today + dt.timedelta(days=14)
    if assigned_to_id is not None and User.get_or_none(User.id == assigned_to_id) is None:
        raise ValidationError("who", _("is unknown"))
    t = _trainee(trainee_id, completed=True)
    with database.atomic():
        followup_id = None
        if t.family_id and family_centre(t.family_id) is not None:
            what = (_("Job search for {name}: {step} at {employer}") if employer
                    else _("Job search for {name}: {step}")).format(
                name=t.name, step=_(kind), employer=employer)
            followup_id = add_followup(actor, t.family_id, what[:300], due_on=due_on,
                                       assigned_to_id=assigned_to_id or actor.id, today=today).id
        row = JobStep.create(trainee=trainee_id, kind=kind, employer=employer, note=note,
                             due_on=due_on, assigned_to=assigned_to_id or actor.id,
                             followup_id=followup_id, created_by=actor.id)
        audit.record(actor, AREA, "create", "job_step", row.id,
                     f"{t.name}: {kind} {employer} due {due_on}")
    return [s for s in steps(actor, trainee_id) if s.id == row.id][0]


def close_step(actor: Actor, step_id: int, outcome: str, *, on=None,
               today: dt.date | None = None) -> StepInfo:
    from ..meetings.followup import update_followup

    require_manage(actor)
    today = today or dt.date.today()
    outcome = validate.text("outcome", outcome, 300)
    on = validate.date("date", on, required=False) or today
    with database.atomic():
        n = JobStep.update(done_on=on, outcome=outcome).where(
            JobStep.id == step_id, JobStep.done_on.is_null()).execute()
        row = JobStep.get_or_none(JobStep.id == step_id)
        if row is None:
            raise NotFound(_("job step {step_id}").format(step_id=step_id))
        if n != 1:
            raise ConflictError(_("This step is already done."))
        if row.followup_id:
            update_followup(actor, row.followup_id, done_on=on, outcome=outcome)
        audit.record(actor, AREA, "close", "job_step", step_id, f"done {on}: {outcome}")
    return [s for s in steps(actor, row.trainee_id) if s.id == step_id][0]


@dataclass(frozen=True)
class OutcomeInfo:
    id: int
    trainee_id: int
    kind: str
    start_on: dt.date
    employer: str
    job: str
    wage_usd_cents: int
    support: str
    support_usd_cents: int
    support_what: str
    receipt_no: str | None


def outcomes(actor: Actor, trainee_id: int) -> list[OutcomeInfo]:
    require_view(actor)
    return [OutcomeInfo(o.id, o.trainee_id, o.kind, _d(o.start_on), o.employer, o.job,
                        o.wage_usd_cents, o.support, o.support_usd_cents, o.support_what,
                        o.receipt_no)
            for o in Outcome.select().where(Outcome.trainee == trainee_id)
            .order_by(Outcome.start_on, Outcome.id)]


def record_placement(actor: Actor, trainee_id: int, employer: str, job: str, start_on,
                     wage_usd, today: dt.date | None = None) -> OutcomeInfo:
    require_manage(actor)
    today = today or dt.date.today()
    employer = validate.text("employer", employer, 120)
    job = validate.text("job", job, 120)
    start_on = validate.date("start", start_on)
    wage = validate.money_cents("monthly wage", wage_usd)
    if wage > 10**7:
        raise ValidationError("monthly wage", _("is more than $100,000"))
    t = _trainee(trainee_id, completed=True)
    if start_on > today + dt.timedelta(days=60):
        raise ValidationError("start", _("is more than two months ahead"))
    with database.atomic():
        row = Outcome.create(trainee=trainee_id, kind="placement", start_on=start_on,
                             employer=employer, job=job, wage_usd_cents=wage,
                             created_by=actor.id)
        audit.record(actor, AREA, "create", "placement", row.id,
                     f"{t.name}: {job} at {employer} from {start_on}, "
                     f"{validate.format_cents(wage)} a month")
    return [o for o in outcomes(actor, trainee_id) if o.id == row.id][0]


def record_business(actor: Actor, trainee_id: int, kind: str, start_on, *, support: str = "",
                    support_usd=None, support_what: str = "",
                    today: dt.date | None = None) -> OutcomeInfo:
    """A business of the trainee's own; start-up support in kind or cash gets a receipt number."""
    require_manage(actor)
    today = today or dt.date.today()
    kind = validate.text("business", kind, 120)
    start_on = validate.date("start", start_on)
    support = validate.choice("support", support, SUPPORT_KINDS)
    cents = validate.money_cents("support", support_usd) if support else 0
    support_what = validate.text("what was given", support_what, 200, required=support == "kind")
    if support and cents <= 0:
        raise ValidationError("support", _("must be more than zero"))
    if cents > 10**7:
        raise ValidationError("support", _("is more than $100,000"))
    t = _trainee(trainee_id, completed=True)
    with database.atomic():
        receipt = None
        if support:
            year = (start_on if start_on <= today else today).year
            receipt = f"TS-{year}-{next_number(f'TS{year}'):04d}"
        row = Outcome.create(trainee=trainee_id, kind="business", start_on=start_on, job=kind,
                             support=support, support_usd_cents=cents,
                             support_what=support_what, receipt_no=receipt, created_by=actor.id)
        audit.record(actor, AREA, "create", "business", row.id,
                     f"{t.name}: {kind} from {start_on}"
                     + (f", support in {support} {validate.format_cents(cents)} receipt {receipt}"
                        if support else ""))
    return [o for o in outcomes(actor, trainee_id) if o.id == row.id][0]


@dataclass(frozen=True)
class FollowInfo:
    months: int
    visited_on: dt.date
    working: bool
    income_usd_cents: int
    note: str


def follow_ups(actor: Actor, trainee_id: int) -> list[FollowInfo]:
    require_view(actor)
    return [FollowInfo(f.months, _d(f.visited_on), f.working, f.income_usd_cents, f.note)
            for f in FollowUpVisit.select().where(FollowUpVisit.trainee == trainee_id)
            .order_by(FollowUpVisit.months)]


def record_follow_up(actor: Actor, trainee_id: int, months: int, working: bool, income_usd, *,
                     note: str = "", visited_on=None,
                     today: dt.date | None = None) -> FollowInfo:
    """The follow-up ``months`` (3, 6, 12) after the course: still working, monthly income."""
    require_manage(actor)
    today = today or dt.date.today()
    months = validate.integer("months after", months, 0, 12)
    if months not in FOLLOW_MONTHS:
        raise ValidationError("months after", _("must be 3, 6 or 12"))
    income = validate.money_cents("monthly income", income_usd)
    if income > 10**7:
        raise ValidationError("monthly income", _("is more than $100,000"))
    note = validate.text("note", note, 300, required=False)
    visited_on = validate.date("date", visited_on, required=False) or today
    if visited_on > today:
        raise ValidationError("date", _("is in the future"))
    t = _trainee(trainee_id, completed=True)
    with database.atomic():
        old = FollowUpVisit.get_or_none(FollowUpVisit.trainee == trainee_id,
                                        FollowUpVisit.months == months)
        if old is not None:
            old.delete_instance()
        FollowUpVisit.create(trainee=trainee_id, months=months, visited_on=visited_on,
                             working=bool(working), income_usd_cents=income, note=note,
                             recorded_by=actor.id)
        audit.record(actor, AREA, "update" if old else "create", "follow_up", trainee_id,
                     f"{t.name} at {months} months: {'working' if working else 'not working'}, "
                     f"{validate.format_cents(income)} a month"
                     + (f" (was {validate.format_cents(old.income_usd_cents)})" if old else ""))
    return [f for f in follow_ups(actor, trainee_id) if f.months == months][0]


def follow_ups_due(actor: Actor, today: dt.date | None = None) -> list[tuple[int, str, int, dt.date]]:
    """(trainee id, name, months, due on) of follow-ups due and not recorded, oldest first."""
    from ..social.caseload import add_months

    require_view(actor)
    today = today or dt.date.today()
    done = {(t, m) for t, m in FollowUpVisit.select(FollowUpVisit.trainee, FollowUpVisit.months)
            .tuples()}
    out = []
    for t in Trainee.select().where(Trainee.status == "completed"):
        end = _d(t.completed_on)
        for m in FOLLOW_MONTHS:
            due = add_months(end, m)
            if due <= today and (t.id, m) not in done:
                out.append((t.id, t.name, m, due))
    return sorted(out, key=lambda r: r[3])
