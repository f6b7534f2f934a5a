"""Centres and shops: the places people work, edited by an admin."""

from __future__ import annotations

from dataclasses import dataclass

from ...db import database
from ...db.core import Centre, Shop
from ..common import validate
from .permissions import Actor, require
from ..common.records import refuse_duplicate, save_row
from ...i18n import N_

CENTRE_AREAS = ("Phnom Penh", "Sihanoukville")
SHOP_COUNTRIES = {"KH": N_("Cambodia"), "FR": N_("France")}


@dataclass(frozen=True)
class Place:
    id: int
    code: str
    name: str
    detail: str  # a centre's area, a shop's place
    active: bool
    country: str = "KH"


def list_centres(active_only: bool = False) -> list[Place]:
    query = Centre.select().order_by(Centre.code)
    if active_only:
        query = query.where(Centre.active == True)  # noqa: E712
    return [Place(c.id, c.code, c.name, c.area, c.active) for c in query]


def list_shops(active_only: bool = False) -> list[Place]:
    query = Shop.select().order_by(Shop.code)
    if active_only:
        query = query.where(Shop.active == True)  # noqa: E712
    return [Place(s.id, s.code, s.name, s.place, s.active, s.country) for s in query]


def save_centre(actor: Actor, centre_id: int | None, code: str, name: str, area: str,
                active: bool = True) -> Place:
    """Create (``centre_id`` None) or edit a centre."""
    require(actor, "admin.centres")
    code = validate.code("code", code)
    name = validate.name("name", name, 80)
    area = validate.choice("area", area, CENTRE_AREAS)
    values = {"code": code, "name": name, "area": area, "active": bool(active)}
    with database.atomic():
        refuse_duplicate(Centre, "code", code, centre_id, "centre")
        centre = save_row(actor, Centre, centre_id, values, area="core", entity="centre",
                          created=f"centre {code} {name} ({area})")
    return Place(centre.id, centre.code, centre.name, centre.area, centre.active)


def save_shop(actor: Actor, shop_id: int | None, code: str, name: str, place: str,
              country: str = "KH", active: bool = True) -> Place:
    """Create (``shop_id`` None) or edit a shop."""
    require(actor, "admin.centres")
    code = validate.code("code", code)
    name = validate.name("name", name, 80)
    place = validate.text("place", place, 80, required=False)
    country = validate.choice("country", country, list(SHOP_COUNTRIES))
    values = {"code": code, "name": name, "place": place, "country": country,
              "active": bool(active)}
    with database.atomic():
        refuse_duplicate(Shop, "code", code, shop_id, "shop")
        shop = save_row(actor, Shop, shop_id, values, area="core", entity="shop",
                        created=f"shop {code} {name}")
    return Place(shop.id, shop.code, shop.name, shop.place, shop.active, shop.country)
