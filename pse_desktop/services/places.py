"""Centres and shops: the places people work, edited by an admin."""

from __future__ import annotations

from dataclasses import dataclass

from ..db import database
from ..db.core import Centre, Shop
from . import audit, validate
from .errors import NotFound, ValidationError
from .permissions import Actor, require

CENTRE_AREAS = ("Phnom Penh", "Sihanoukville")
SHOP_COUNTRIES = {"KH": "Cambodia", "FR": "France"}


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
    name = validate.text("name", name, 80)
    area = validate.choice("area", area, CENTRE_AREAS)
    with database.atomic():
        clash = Centre.select().where(Centre.code == code)
        if centre_id is not None:
            clash = clash.where(Centre.id != centre_id)
        if clash.exists():
            raise ValidationError("code", f"another centre has the code {code}")
        if centre_id is None:
            centre = Centre.create(code=code, name=name, area=area, active=bool(active))
            audit.record(actor, "core", "create", "centre", centre.id, f"centre {code} {name} ({area})")
        else:
            centre = Centre.get_or_none(Centre.id == centre_id)
            if centre is None:
                raise NotFound(f"centre {centre_id}")
            before = {"code": centre.code, "name": centre.name, "area": centre.area,
                      "active": centre.active}
            centre.code, centre.name, centre.area, centre.active = code, name, area, bool(active)
            centre.save()
            audit.record(actor, "core", "update", "centre", centre.id, audit.describe_changes(
                before, {"code": code, "name": name, "area": area, "active": bool(active)}))
    return Place(centre.id, centre.code, centre.name, centre.area, centre.active)


def save_shop(actor: Actor, shop_id: int | None, code: str, name: str, place: str,
              country: str = "KH", active: bool = True) -> Place:
    """Create (``shop_id`` None) or edit a shop."""
    require(actor, "admin.centres")
    code = validate.code("code", code)
    name = validate.text("name", name, 80)
    place = validate.text("place", place, 80, required=False)
    country = validate.choice("country", country, list(SHOP_COUNTRIES))
    with database.atomic():
        clash = Shop.select().where(Shop.code == code)
        if shop_id is not None:
            clash = clash.where(Shop.id != shop_id)
        if clash.exists():
            raise ValidationError("code", f"another shop has the code {code}")
        if shop_id is None:
            shop = Shop.create(code=code, name=name, place=place, country=country,
                               active=bool(active))
            audit.record(actor, "core", "create", "shop", shop.id, f"shop {code} {name}")
        else:
            shop = Shop.get_or_none(Shop.id == shop_id)
            if shop is None:
                raise NotFound(f"shop {shop_id}")
            before = {"code": shop.code, "name": shop.name, "place": shop.place,
                      "country": shop.country, "active": shop.active}
            shop.code, shop.name, shop.place, shop.country, shop.active = (
                code, name, place, country, bool(active))
            shop.save()
            audit.record(actor, "core", "update", "shop", shop.id, audit.describe_changes(
                before, {"code": code, "name": name, "place": place, "country": country,
                         "active": bool(active)}))
    return Place(shop.id, shop.code, shop.name, shop.place, shop.active, shop.country)
