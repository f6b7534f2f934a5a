"""Emergency support: a request (family, kind, amount in USD or riel, why), approved or refused by
a team leader or an admin within the role's limit and the kind's yearly budget, paid once or
monthly for a number of months, each payment with a numbered receipt to sign or thumbprint.

A payment is never edited: a mistake is corrected by cancelling what is left of the request and
making a new one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import IntegrityError, fn

from ...db import database
from ...db.counters import lock_for_update
from ...db.centres import Family
from ...db.core import User
from ...db.social import Counter, SupportBudget, SupportPayment, SupportRequest
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core import audit, settings
from ..core.permissions import Actor, require
from .rules import AREA, CURRENCIES, SUPPORT_KINDS, kind_text
from ...formats import format_money
from ...i18n import _

MAX_PAYMENTS = 24


def parse_amount(field: str, value, currency: str) -> int:
    """Minor units from an int or a text: cents for USD, whole riel for KHR."""
    validate.choice("currency", currency, CURRENCIES)
    if currency == "KHR":  # read through Babel like every amount: '400 000' or '400,000' riel
        amount = validate.money_cents(field, value, currency="KHR")
        if amount > 10**10:
            raise ValidationError(field, _("is more than KHR 10,000,000,000"))
    else:
        amount = validate.money_cents(field, value)
        if amount > 10**9:
            raise ValidationError(field, _("is more than $10,000,000"))
    if amount <= 0:
        raise ValidationError(field, _("must be more than zero"))
    return amount


def usd_cents(amount: int, currency: str, khr_per_usd: int | None = None) -> int:
    if currency == "USD":
        return amount
    rate = khr_per_usd or settings.get("khr_per_usd")
    return (amount * 100 + rate // 2) // rate


@dataclass(frozen=True)
class RequestInfo:
    id: int
    family_id: int
    family_code: str
    kind: str
    currency: str
    amount: int
    payments: int
    usd_cents_total: int
    why: str
    status: str
    requested_on: dt.date
    requested_by: str
    decided_on: dt.date | None
    decided_by: str
    decision_note: str
    follow_up_on: dt.date | None
    paid: int  # payments made

    @property
    def total_text(self) -> str:
        each = format_money(self.amount, self.currency)
        return each if self.payments == 1 else f"{self.payments} x {each}"

    @property
    def kind_label(self) -> str:
        """The kind of support in the current language."""
        return kind_text(self.kind)

    @property
    def state(self) -> str:
        if self.status == "approved" and self.paid >= self.payments:
            return "paid"
        return self.status


def _name(user) -> str:
    return (user.full_name or user.username) if user else ""


def _infos(query) -> list[RequestInfo]:
    rows = list(query)
    paid = dict(SupportPayment.select(SupportPayment.request, fn.COUNT(SupportPayment.id))
                .where(SupportPayment.request.in_([r.id for r in rows]))
                .group_by(SupportPayment.request).tuples()) if rows else {}
    users = {u.id: u for u in User.select().where(User.id.in_(
        {r.requested_by_id for r in rows} | {r.decided_by_id for r in rows if r.decided_by_id}))}
    codes = dict(Family.select(Family.id, Family.code)
                 .where(Family.id.in_({r.family_id for r in rows})).tuples()) if rows else {}
    return [RequestInfo(r.id, r.family_id, codes.get(r.family_id, ""), r.kind, r.currency,
                        r.amount, r.payments, r.usd_cents_total, r.why, r.status, r.requested_on,
                        _name(users.get(r.requested_by_id)), r.decided_on,
                        _name(users.get(r.decided_by_id)), r.decision_note, r.follow_up_on,
                        paid.get(r.id, 0)) for r in rows]


def get_request(actor: Actor, request_id: int) -> RequestInfo:
    require(actor, "social.view")
    rows = _infos(SupportRequest.select().where(SupportRequest.id == request_id))
    if not rows:
        raise NotFound(_("support request {request_id}").format(request_id=request_id))
    return rows[0]


def list_requests(actor: Actor, *, status: str | None = None, family_id: int | None = None,
                  year: int | None = None, limit: int = 500) -> list[RequestInfo]:
    require(actor, "social.view")
    query = SupportRequest.select().order_by(SupportRequest.requested_on.desc(),
                                             SupportRequest.id.desc())
    if status:
        query = query.where(SupportRequest.status == status)
    if family_id:
        query = query.where(SupportRequest.family == family_id)
    if year:
        query = query.where(SupportRequest.requested_on.between(dt.date(year, 1, 1),
                                                                dt.date(year, 12, 31)))
    return _infos(query.limit(limit))


def waiting(actor: Actor) -> list[RequestInfo]:
    return list_requests(actor, status="requested")


def request_support(actor: Actor, family_id: int, kind: str, currency: str, amount, *,
                    why: str, payments: int = 1, follow_up_on=None,
                    today: dt.date | None = None) -> RequestInfo:
    """Ask for support: ``amount`` for each of ``payments`` instalments (1: once)."""
    require(actor, "social.support.request")
    today = today or dt.date.today()
    family = Family.get_or_none(Family.id == family_id)
    if family is None:
        raise ValidationError("family", _("is unknown"))
    kind = validate.choice("kind", kind, SUPPORT_KINDS)
    amount = parse_amount("amount", amount, currency)
    payments = validate.integer("payments", payments, 1, MAX_PAYMENTS)
    why = validate.text("why", why, 2000)
    follow_up_on = validate.date("follow-up date", follow_up_on, required=False, earliest=today,
                                 latest=validate.years_from(today, 2),
                                 why=_("a follow-up is within the next two years"))
    total = usd_cents(amount * payments, currency)
    with database.atomic():
        row = SupportRequest.create(family=family_id, kind=kind, currency=currency, amount=amount,
                                    payments=payments, usd_cents_total=total, why=why,
                                    requested_on=today, requested_by=actor.id,
                                    follow_up_on=follow_up_on)
        audit.record(actor, AREA, "create", "support", row.id,
                     f"family {family.code}: {kind}, {payments} x {format_money(amount, currency)}")
    return get_request(actor, row.id)


# -- budgets ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class BudgetStatus:
    year: int
    kind: str
    budget_usd_cents: int
    spent_usd_cents: int  # approved this year (all instalments)

    @property
    def left_usd_cents(self) -> int:
        return self.budget_usd_cents - self.spent_usd_cents


def set_budget(actor: Actor, year: int, kind: str, amount) -> BudgetStatus:
    require(actor, "social.budget")
    year = validate.integer("year", year, 2000, 2100)
    kind = validate.choice("kind", kind, SUPPORT_KINDS)
    cents = validate.money_cents("budget", amount)
    if cents > 10**11:
        raise ValidationError("budget", _("is more than $1,000,000,000"))
    with database.atomic():
        old = SupportBudget.get_or_none(SupportBudget.year == year, SupportBudget.kind == kind)
        SupportBudget.insert(year=year, kind=kind, amount_usd_cents=cents).on_conflict(
            conflict_target=[SupportBudget.year, SupportBudget.kind],
            update={SupportBudget.amount_usd_cents: cents}).execute()
        audit.record(actor, AREA, "update", "support_budget", f"{year}:{kind}",
                     f"budget {kind} {year}: "
                     f"{validate.format_cents(old.amount_usd_cents) if old else None} -> "
                     f"{validate.format_cents(cents)}")
    return budget_status(actor, year, kind)


def _spent(year: int, kind: str) -> int:
    return (SupportRequest.select(fn.COALESCE(fn.SUM(SupportRequest.usd_cents_total), 0))
            .where(SupportRequest.kind == kind, SupportRequest.status == "approved",
                   SupportRequest.decided_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
            .scalar()) or 0


def budget_status(actor: Actor, year: int, kind: str) -> BudgetStatus:
    require(actor, "social.view")
    row = SupportBudget.get_or_none(SupportBudget.year == year, SupportBudget.kind == kind)
    return BudgetStatus(year, kind, row.amount_usd_cents if row else 0, int(_spent(year, kind)))


def budgets(actor: Actor, year: int) -> list[BudgetStatus]:
    return [budget_status(actor, year, k) for k in SUPPORT_KINDS]


# -- decisions and payments -------------------------------------------------------------------

def approval_limit_cents(actor: Actor) -> int:
    key = "support_limit_admin" if actor.is_admin else "support_limit_social_lead"
    return settings.get(key) * 100


def decide(actor: Actor, request_id: int, approve: bool, note: str = "",
           today: dt.date | None = None) -> RequestInfo:
    """Approve (within the role's limit and the kind's budget left) or refuse (with a reason)."""
    require(actor, "social.support.approve")
    today = today or dt.date.today()
    note = validate.text("note", note, 300, required=not approve)
    with database.atomic():
        # on PostgreSQL the kind's budget row is locked first, so two approvals against one
        # budget are done one after the other (SQLite: the write below takes the write lock)
        kind = SupportRequest.select(SupportRequest.kind).where(
            SupportRequest.id == request_id).scalar()
        lock_for_update(SupportBudget.select().where(SupportBudget.year == today.year,
                                                     SupportBudget.kind == kind)).first()
        updated = (SupportRequest.update(status="approved" if approve else "refused",
                                         decided_on=today, decided_by=actor.id, decision_note=note)
                   .where(SupportRequest.id == request_id, SupportRequest.status == "requested")
                   .execute())
        row = SupportRequest.get_or_none(SupportRequest.id == request_id)
        if row is None:
            raise NotFound(_("support request {request_id}").format(request_id=request_id))
        if updated != 1:
            raise ConflictError(_("This request is already {state}.").format(state=_(row.status)))
        if approve:
            limit = approval_limit_cents(actor)
            if row.usd_cents_total > limit:
                raise ConflictError(_(
                    "{amount} is above what you may approve ({limit}): an admin must approve "
                    "it.").format(amount=validate.format_cents(row.usd_cents_total),
                                  limit=validate.format_cents(limit)))
            budget = SupportBudget.get_or_none(SupportBudget.year == today.year,
                                               SupportBudget.kind == row.kind)
            # _spent counts this request already (approved above)
            left = (budget.amount_usd_cents if budget else 0) - int(_spent(today.year, row.kind))
            if left < 0:
                raise ConflictError(_(
                    "The budget of {year} for {kind} has {left} left; this request needs "
                    "{need}.").format(year=today.year, kind=kind_text(row.kind),
                                      left=validate.format_cents(left + row.usd_cents_total),
                                      need=validate.format_cents(row.usd_cents_total)))
        audit.record(actor, AREA, "approve" if approve else "refuse", "support", request_id,
                     f"status: requested -> {'approved' if approve else 'refused'}"
                     + (f"; {note}" if note else ""))
    return get_request(actor, request_id)


def cancel(actor: Actor, request_id: int, reason: str) -> RequestInfo:
    """Stop a request (what is not paid yet will not be); the payments made stay."""
    require(actor, "social.support.approve")
    reason = validate.text("reason", reason, 300)
    with database.atomic():
        row = SupportRequest.get_or_none(SupportRequest.id == request_id)
        if row is None:
            raise NotFound(_("support request {request_id}").format(request_id=request_id))
        if row.status not in ("requested", "approved"):
            raise ConflictError(_("This request is already {state}.").format(state=_(row.status)))
        row.status, row.decision_note = "cancelled", reason
        row.save()
        audit.record(actor, AREA, "cancel", "support", request_id, f"cancelled: {reason}")
    return get_request(actor, request_id)


def next_number(series: str) -> int:
    """The next number of a series, gap-free: the counter row is updated inside the write, so a
    second writer waits for the first one's commit."""
    for _attempt in range(3):
        if Counter.update(last=Counter.last + 1).where(Counter.series == series).execute():
            return Counter.get(Counter.series == series).last
        try:
            with database.atomic():  # a savepoint: another writer may create the row first
                Counter.create(series=series, last=1)
            return 1
        except IntegrityError:
            continue
    raise ConflictError(_("Someone else is saving, try again in a moment."))


@dataclass(frozen=True)
class PaymentInfo:
    id: int
    request_id: int
    number: int
    payments: int
    paid_on: dt.date
    amount: int
    currency: str
    receipt_no: str
    received_by: str
    paid_by: str
    family_id: int
    family_code: str
    kind: str


def _payment_info(p: SupportPayment) -> PaymentInfo:
    r = p.request
    return PaymentInfo(p.id, r.id, p.number, r.payments, p.paid_on, p.amount, r.currency,
                       p.receipt_no, p.received_by, _name(p.paid_by), r.family_id,
                       r.family.code, r.kind)


def payments(actor: Actor, request_id: int) -> list[PaymentInfo]:
    require(actor, "social.view")
    return [_payment_info(p) for p in SupportPayment.select()
            .where(SupportPayment.request == request_id).order_by(SupportPayment.number)]


def pay(actor: Actor, request_id: int, received_by: str, *, paid_on=None,
        today: dt.date | None = None) -> PaymentInfo:
    """Hand over the next instalment of an approved request; returns it with its receipt number."""
    require(actor, "social.support.pay")
    today = today or dt.date.today()
    received_by = validate.name("received by", received_by, 80)
    paid_on = validate.date("date paid", paid_on, required=False) or today
    if paid_on > today:
        raise ValidationError("date paid", _("is in the future"))
    with database.atomic():
        # the receipt number first: it takes the write lock, so a second payment of the same
        # request waits and then sees the first one
        number = next_number(f"RC{paid_on.year}")
        # and the request itself: two payments dated in different years use different counters
        row = lock_for_update(SupportRequest.select().where(SupportRequest.id == request_id)).first()
        if row is None:
            raise NotFound(_("support request {request_id}").format(request_id=request_id))
        if row.status != "approved":
            raise ConflictError(_("Only approved support is paid; this request is {state}.").format(
                state=_(row.status)))
        if row.decided_on and paid_on < row.decided_on:
            raise ValidationError("date paid", _("is before the approval ({day})").format(
                day=row.decided_on))
        done = SupportPayment.select().where(SupportPayment.request == request_id).count()
        if done >= row.payments:
            raise ConflictError(_("Every instalment of this request has been paid."))
        payment = SupportPayment.create(request=request_id, number=done + 1, paid_on=paid_on,
                                        amount=row.amount, received_by=received_by,
                                        receipt_no=f"RC-{paid_on.year}-{number:04d}",
                                        paid_by=actor.id)
        audit.record(actor, AREA, "pay", "support", request_id,
                     f"instalment {done + 1}/{row.payments}: {format_money(row.amount, row.currency)} "
                     f"to {received_by}, receipt {payment.receipt_no}")
    return _payment_info(SupportPayment.get_by_id(payment.id))
