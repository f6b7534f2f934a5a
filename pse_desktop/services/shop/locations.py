"""The shop area: its permissions and settings, money formats, and the stock locations.

A location is where stock sits: one per shop (made from the core's shops), the workshop's store,
and one box per sales event in France. Shop staff act on the locations of their own shops.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...db import database
from ...db.core import Shop
from ...db.shop import StockLocation
from ..core import audit, settings
from ..common import validate
from ..common.errors import NotFound, ValidationError
from ..common.errors import PermissionDenied
from ..core.permissions import Actor, fresh, register_actions, require
from ..core.settings import SettingDef
from ...i18n import _, N_

AREA = "shop"
STORE_CODE = "WORKSHOP"
LOCATION_KINDS = ("shop", "store", "event")

register_actions(
    {
        "shop.view": N_("See the shop screens, stock and sales"),
        "shop.sell": N_("Sell at the point of sale, return and void sales"),
        "shop.discount": N_("Give a discount at the point of sale"),
        "shop.close_day": N_("Close a day's till and print its Z report"),
        "shop.reopen_day": N_("Reopen a closed day, with a reason (admins)"),
        "stock.receive": N_("Receive stock into a location"),
        "stock.move": N_("Transfer stock between locations and write off damaged stock"),
        "stock.count": N_("Count stock and post the adjustments"),
        "shop.events": N_("Prepare sales events in France, send stock and reconcile them"),
        "shop.reports": N_("Shop reports and exports"),
        "shop.locations": N_("Add stock locations and allow negative stock in one"),
    },
    {
        "shop_staff": ["shop.view", "shop.sell", "shop.close_day", "stock.receive", "stock.move",
                       "stock.count", "shop.events", "shop.reports"],
        "workshop_manager": ["shop.view", "stock.receive", "stock.move", "stock.count",
                             "shop.reports"],
    },
)

settings.declare(
    SettingDef("shop_receipt_footer", N_("Receipt footer"), "text",
               "Thank you! Every purchase helps a child go to school.",
               N_("Printed at the bottom of every shop receipt."), max_len=200),
    SettingDef("shop_slow_months", N_("Slow sellers: months without a sale"), "int", 6,
               N_("The 'not sold for N months' report lists products with no sale for this long."),
               1, 60),
)


@dataclass(frozen=True)
class LocationInfo:
    id: int
    code: str
    name: str
    kind: str
    shop_id: int | None
    currency: str
    allow_negative: bool
    active: bool


def _info(loc: StockLocation) -> LocationInfo:
    return LocationInfo(loc.id, loc.code, loc.name, loc.kind, loc.shop_id, loc.currency,
                        loc.allow_negative, loc.active)


def location_row(location_id: int) -> StockLocation:
    loc = StockLocation.get_or_none(StockLocation.id == location_id)
    if loc is None:
        raise NotFound(_("stock location {location_id}").format(location_id=location_id))
    return loc


def get_location(location_id: int) -> LocationInfo:
    return _info(location_row(location_id))


def require_at(actor: Actor, action: str, loc: StockLocation) -> None:
    """Check ``action`` for the shop a location belongs to (shop staff: only their shops).

    The workshop store belongs to no shop: it is the workshop manager's (and the admins'), and
    no shop staff may sell, count or move stock there.
    """
    require(actor, action, shop_id=loc.shop_id)
    now = fresh(actor)
    if now is not None and now.role == "shop_staff" and (loc.kind == "store" or loc.shop_id is None):
        raise PermissionDenied(action, _("the workshop store is the workshop manager's"))
    if now is not None and now.role == "workshop_manager" and action == "stock.count" \
            and loc.kind != "store":
        raise PermissionDenied(action, _("shops count their own stock"))


def location_ids_for(actor: Actor) -> list[int] | None:
    """Return the locations whose stock and sales the actor may see (None: all of them).

    Shop staff see their shops' locations and event boxes, never the workshop store."""
    now = fresh(actor)
    if now is None:
        return []
    if now.role != "shop_staff":
        return None
    return [loc.id for loc in StockLocation.select(StockLocation.id).where(
        StockLocation.shop.in_(sorted(now.shop_ids) or [-1]), StockLocation.kind != "store")]


def require_view(actor: Actor, action: str, location_id: int | None) -> list[int] | None:
    """Check a read of one location (or of all the actor may see); return the locations to show."""
    require(actor, action)
    limit = location_ids_for(actor)
    if location_id is None:
        return limit
    require_at(actor, action, location_row(location_id))
    return [location_id]


def ensure_locations(actor: Actor) -> int:
    """Give every shop its stock location and make the workshop store; return how many were made.

    Bookkeeping anyone using the shop may trigger: it only adds missing locations.
    """
    require(actor, "shop.view")
    made = 0
    with database.atomic():
        have = {loc.shop_id for loc in StockLocation.select().where(StockLocation.kind == "shop")}
        for shop in Shop.select().order_by(Shop.code):
            if shop.id in have or StockLocation.select().where(
                    StockLocation.code == shop.code).exists():
                continue
            loc = StockLocation.create(code=shop.code, name=shop.name, kind="shop", shop=shop,
                                       currency="EUR" if shop.country == "FR" else "USD")
            audit.record(actor, AREA, "create", "location", loc.id, f"stock location {loc.code}")
            made += 1
        if not StockLocation.select().where(StockLocation.kind == "store").exists():
            loc = StockLocation.create(code=STORE_CODE, name="Workshop store", kind="store")
            audit.record(actor, AREA, "create", "location", loc.id, f"stock location {loc.code}")
            made += 1
    return made


def list_locations(actor: Actor | None = None, kinds=LOCATION_KINDS,
                   active_only: bool = True) -> list[LocationInfo]:
    """Return the locations (of the actor's shops, for shop staff), shops first."""
    query = StockLocation.select().where(StockLocation.kind.in_(list(kinds)))
    if active_only:
        query = query.where(StockLocation.active == True)  # noqa: E712
    rows = [_info(loc) for loc in query]
    if actor is not None:
        limit = location_ids_for(actor)
        rows = rows if limit is None else [r for r in rows if r.id in limit]
    order = {k: i for i, k in enumerate(LOCATION_KINDS)}
    # dollar shops first: the everyday case opens on the first shop in Phnom Penh
    return sorted(rows, key=lambda r: (order.get(r.kind, 9), r.currency != "USD", r.code))


def set_allow_negative(actor: Actor, location_id: int, allow: bool) -> LocationInfo:
    """Allow (or forbid again) stock below zero in one location."""
    require(actor, "shop.locations")
    with database.atomic():
        loc = location_row(location_id)
        before = loc.allow_negative
        loc.allow_negative = bool(allow)
        loc.save()
        audit.record(actor, AREA, "update", "location", loc.id,
                     f"{loc.code}: negative stock allowed {before} -> {bool(allow)}")
    return _info(loc)


def create_location(actor: Actor, code: str, name: str, kind: str, shop_id: int | None,
                    currency: str = "USD") -> LocationInfo:
    """Add a location by hand (event boxes are made by ``shop_events.create_event``)."""
    require(actor, "shop.locations")
    code = validate.code("code", code, 12)
    name = validate.name("name", name, 80)
    kind = validate.choice("kind", kind, LOCATION_KINDS)
    currency = validate.choice("currency", currency, ("USD", "EUR"))
    with database.atomic():
        return _create_location(actor, code, name, kind, shop_id, currency)


def _create_location(actor, code, name, kind, shop_id, currency) -> LocationInfo:
    if StockLocation.select().where(StockLocation.code == code).exists():
        raise ValidationError("code", _("another location has the code {code}").format(code=code))
    if shop_id is not None and Shop.get_or_none(Shop.id == shop_id) is None:
        raise ValidationError("shop", _("no such shop"))
    loc = StockLocation.create(code=code, name=name, kind=kind, shop=shop_id, currency=currency)
    audit.record(actor, AREA, "create", "location", loc.id, f"stock location {code} {name}")
    return _info(loc)
