"""Rice stock: received at the store (kilograms, supplier, price per kilogram, date), moved to
each centre, handed out to families; an append-only ledger like the shop's, the stock being its
sum; a count records what was found and posts the difference.

Every write locks its places first (``lock``), then reads the balance: two people moving or
handing out rice from one place at the same moment go one after the other, and the second is
refused if the first took what it needed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from ...db import database
from ...db.core import Centre, User
from ...db.counters import lock_for_update
from ...db.rice import Count, Move, StockPlace
from ...i18n import _
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core import audit
from ..centres.rules import centre_ids_for
from ..core.permissions import Actor, can, internal, require
from .rules import AREA, STOCK_MAX_KG, kg, kg_to_g

STORE = "store"


def balance(centre_id: int | None) -> int:
    """Grams at a centre (None: the store)."""
    cond = Move.centre.is_null() if centre_id is None else Move.centre == centre_id
    return int(Move.select(fn.COALESCE(fn.SUM(Move.kg_g), 0)).where(cond).scalar() or 0)


class StockShortage(ValidationError, ConflictError):
    """A move would take a place's rice below zero: the books never had it, or another move
    took it a moment before."""


def place_name(centre_id: int | None) -> str:
    if centre_id is None:
        return _("the store")
    return Centre.select(Centre.code).where(Centre.id == centre_id).scalar() or str(centre_id)


def lock(*centre_ids: int | None) -> None:
    """Lock the rows of these places (None: the store) until the transaction ends, always in
    the same order so that two writers never wait for each other in a circle."""
    if not database.in_transaction():
        raise RuntimeError("rice stock places are locked inside the write's transaction")
    for key in sorted({0 if c is None else c for c in centre_ids}):
        query = StockPlace.select(StockPlace.id).where(StockPlace.place == key)
        if lock_for_update(query).first() is None:
            StockPlace.insert(place=key).on_conflict_ignore().execute()
            lock_for_update(query).first()


def require_stock(centre_id: int | None, grams: int, message: str, field: str | None = None,
                  **values) -> None:
    """Raise a ConflictError (a StockShortage naming ``field`` if given) when the place, locked
    by the caller, holds less than ``grams``; ``message`` is formatted with ``have``,
    ``place``, ``asked`` and ``values``."""
    have = balance(centre_id)
    if have < grams:
        text = message.format(have=kg(have), place=place_name(centre_id), asked=kg(grams),
                              **values)
        raise StockShortage(field, text) if field else ConflictError(text)


@internal
def post(actor: Actor, centre_id: int | None, day: dt.date, kind: str, grams: int, **extra) -> Move:
    """Append one move; call it inside the service's transaction."""
    return Move.create(centre=centre_id, day=day, kind=kind, kg_g=grams, by=actor.id, **extra)


def _day(value, today: dt.date) -> dt.date:
    day = validate.date("date", value, required=False) or today
    if day > today or day < today.replace(year=today.year - 1):
        raise ValidationError("date", _("must be within the last year, not after {day}").format(
            day=today))
    return day


def _centre(centre_id: int | None) -> None:
    if centre_id is not None and Centre.get_or_none(Centre.id == centre_id) is None:
        raise NotFound(_("centre {centre_id}").format(centre_id=centre_id))


def receive(actor: Actor, kilograms, supplier: str, price_riel_per_kg, day=None,
            today: dt.date | None = None) -> int:
    """Rice delivered to the store; returns the store's stock in grams."""
    require(actor, "rice.stock")
    today = today or dt.date.today()
    grams = kg_to_g("kilograms", kilograms, STOCK_MAX_KG)
    if grams == 0:
        raise ValidationError("kilograms", _("must be more than 0"))
    supplier = validate.text("supplier", supplier, 80)
    price = validate.integer("price per kilogram", price_riel_per_kg, 100, 100_000)
    day = _day(day, today)
    with database.atomic():
        lock(None)
        post(actor, None, day, "received", grams, supplier=supplier, price_riel_per_kg=price)
        audit.record(actor, AREA, "receive", "rice_stock", STORE,
                     f"{kg(grams)} from {supplier} at KHR {price:,}/kg on {day}")
    return balance(None)


def transfer(actor: Actor, to_centre_id: int, kilograms, day=None, from_centre_id=None,
             today: dt.date | None = None) -> None:
    """Move rice from the store (or a centre) to a centre; never below zero."""
    require(actor, "rice.stock")
    today = today or dt.date.today()
    _centre(to_centre_id)
    _centre(from_centre_id)
    if to_centre_id == from_centre_id:
        raise ValidationError("to", _("is where the rice already is"))
    grams = kg_to_g("kilograms", kilograms, STOCK_MAX_KG)
    if grams == 0:
        raise ValidationError("kilograms", _("must be more than 0"))
    day = _day(day, today)
    with database.atomic():
        lock(from_centre_id, to_centre_id)
        require_stock(from_centre_id, grams, _(
            "only {have} at {place}; {asked} asked. Nothing was moved: someone may have moved "
            "or handed out rice from there a moment ago."), field="kilograms")
        post(actor, from_centre_id, day, "transfer", -grams, ref=f"to:{to_centre_id}")
        post(actor, to_centre_id, day, "transfer", grams, ref=f"from:{from_centre_id or STORE}")
        audit.record(actor, AREA, "transfer", "rice_stock", to_centre_id,
                     f"{kg(grams)} from {from_centre_id or STORE} to centre {to_centre_id}")


@dataclass(frozen=True)
class CountResult:
    expected_g: int
    counted_g: int

    @property
    def variance_g(self) -> int:
        return self.counted_g - self.expected_g


def count(actor: Actor, centre_id: int | None, counted, day=None,
          today: dt.date | None = None) -> CountResult:
    """Record what was found at a place and post the difference with the ledger."""
    require(actor, "rice.stock")
    today = today or dt.date.today()
    _centre(centre_id)
    counted_g = kg_to_g("counted", counted, STOCK_MAX_KG)
    day = _day(day, today)
    with database.atomic():
        lock(centre_id)
        expected = balance(centre_id)
        Count.create(centre=centre_id, day=day, expected_g=expected, counted_g=counted_g,
                     by=actor.id)
        if counted_g != expected:
            post(actor, centre_id, day, "count", counted_g - expected, note="stock count")
        audit.record(actor, AREA, "count", "rice_stock", centre_id or STORE,
                     f"expected {kg(expected)}, counted {kg(counted_g)}")
    return CountResult(expected, counted_g)


@dataclass(frozen=True)
class PlaceStock:
    centre_id: int | None
    code: str
    grams: int


def _scope(actor: Actor) -> list[int] | None:
    """The centres whose stock an actor sees (None: the store and every centre)."""
    ids = centre_ids_for(actor)
    if ids is None or can(actor, "rice.stock"):
        return None
    return ids


def balances(actor: Actor) -> list[PlaceStock]:
    """The store's and each centre's stock; centre staff see only their own centres."""
    require(actor, "rice.view")
    scope = _scope(actor)
    sums = dict(Move.select(Move.centre, fn.SUM(Move.kg_g)).group_by(Move.centre).tuples())
    out = [PlaceStock(None, STORE, int(sums.get(None) or 0))] if scope is None else []
    for c in Centre.select().where(Centre.active == True).order_by(Centre.code):  # noqa: E712
        if scope is None or c.id in scope:
            out.append(PlaceStock(c.id, c.code, int(sums.get(c.id) or 0)))
    return out


@dataclass(frozen=True)
class MoveRow:
    day: dt.date
    place: str
    kind: str
    grams: int
    detail: str
    by: str


def moves(actor: Actor, centre_id: int | None = None, limit: int = 300) -> list[MoveRow]:
    require(actor, "rice.view")
    scope = _scope(actor)
    if scope is not None and centre_id is not None and centre_id not in scope:
        require(actor, "rice.view", centre_id=centre_id)
    codes = dict(Centre.select(Centre.id, Centre.code).tuples())
    names = {u.id: u.username for u in User.select(User.id, User.username)}
    query = Move.select().order_by(Move.day.desc(), Move.id.desc()).limit(limit)
    if centre_id is not None:
        query = query.where(Move.centre == centre_id)
    elif scope is not None:
        query = query.where(Move.centre.in_(scope))
    out = []
    for m in query:
        detail = m.supplier and f"{m.supplier}, KHR {m.price_riel_per_kg:,}/kg" or m.ref or m.note
        out.append(MoveRow(m.day, codes.get(m.centre_id, STORE), m.kind, m.kg_g, detail,
                           names.get(m.by_id, "")))
    return out


def average_price(until: dt.date) -> int | None:
    """Riel per kilogram of everything received up to ``until`` (weighted by weight)."""
    row = (Move.select(fn.SUM(Move.kg_g), fn.SUM(Move.kg_g * Move.price_riel_per_kg))
           .where(Move.kind == "received", Move.day <= until).tuples().first())
    grams, total = row if row else (None, None)
    if not grams:
        return None
    return int(total) // int(grams)
