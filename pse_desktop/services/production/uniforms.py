"""Uniforms from the children's clothing sizes: the size matrix, the prefilled order, and the
hand-out list of a delivery (one row per child, per centre, with a signature column).

A uniform item is a catalogue product of kind 'uniform' whose variants carry the sizes of the
children's records (2, 4, 6... S, M, L). The matrix counts the children enrolled today in a
centre (or all centres) per size, for each item chosen, optionally only girls or only boys
(blouse and skirt, shirt and shorts), times the pieces each child gets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import database
from ...db.centres import Child
from ...db.catalog import Product, ProductVariant
from ...db.core import Centre
from ...db.production import Delivery, DeliveryLine, OrderChild, OrderLine, ProductionOrder
from ..core import audit
from ..common import validate
from ..common.errors import NotFound, ValidationError
from ..core.permissions import Actor, require
from .orders import AREA, create_order, delivery_no, order_no
from ...i18n import _

SEXES = ("", "F", "M")
SIZE_ORDER = ("2", "4", "6", "8", "10", "12", "14", "XS", "S", "M", "L", "XL", "XXL")


def size_key(size: str):
    return (SIZE_ORDER.index(size), "") if size in SIZE_ORDER else (len(SIZE_ORDER), size)


@dataclass(frozen=True)
class UniformItem:
    """One item of the uniform: a product, for whom ('' all, 'F', 'M'), pieces per child."""

    product_id: int
    sex: str = ""
    per_child: int = 1


@dataclass(frozen=True)
class MatrixRow:
    product_id: int
    product_code: str
    name: str
    sex: str
    per_child: int
    counts: dict  # size -> pieces
    variants: dict  # size -> variant id (None: no variant of that size)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class SizeMatrix:
    centre_id: int | None
    sizes: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    children: int
    without_size: tuple[str, ...]  # codes of children with no clothing size

    @property
    def missing_variants(self) -> list[tuple[str, str]]:
        """(product code, size) where children need a size the catalogue lacks."""
        return [(r.product_code, s) for r in self.rows for s, n in r.counts.items()
                if n and r.variants.get(s) is None]


def uniform_products() -> list[tuple[int, str, str]]:
    """(id, code, name) of the active uniform products."""
    return [(p.id, p.code, p.name_en) for p in Product.select().where(
        Product.kind == "uniform", Product.active == True).order_by(Product.code)]  # noqa: E712


def _clean_items(items) -> list[UniformItem]:
    out = []
    for it in items:
        if isinstance(it, dict):
            it = UniformItem(it.get("product_id"), it.get("sex") or "", it.get("per_child") or 1)
        sex = validate.choice("sex", it.sex or "", SEXES)
        per = validate.integer("pieces per child", it.per_child, 1, 10)
        if Product.get_or_none(Product.id == it.product_id) is None:
            raise ValidationError("items", _("no product {product_id}").format(product_id=it.product_id))
        out.append(UniformItem(it.product_id, sex, per))
    if not out:
        raise ValidationError("items", _("choose at least one uniform item"))
    return out


def enrolled_children(centre_id: int | None, on: dt.date):
    query = (Child.select(Child, Centre).join(Centre)
             .where(Child.enrolled_on <= on, (Child.exit_on.is_null()) | (Child.exit_on > on)))
    if centre_id is not None:
        query = query.where(Child.centre == centre_id)
    return list(query.order_by(Centre.code, Child.name_latin, Child.code))


def size_matrix(actor: Actor, centre_id: int | None, items, on: dt.date | None = None) -> SizeMatrix:
    """Count the pieces per item and size for the children enrolled on ``on`` (today)."""
    require(actor, "production.view")
    items = _clean_items(items)
    on = on or dt.date.today()
    if centre_id is not None and Centre.get_or_none(Centre.id == centre_id) is None:
        raise ValidationError("centre", _("no centre {centre_id}").format(centre_id=centre_id))
    kids = enrolled_children(centre_id, on)
    sizes = sorted({k.clothing_size for k in kids if k.clothing_size}, key=size_key)
    rows = []
    for it in items:
        p = Product.get_by_id(it.product_id)
        variants = {}
        for v in (ProductVariant.select().where(ProductVariant.product == p.id,
                                                ProductVariant.active == True)  # noqa: E712
                  .order_by(ProductVariant.code)):
            variants.setdefault(v.size, v.id)
        counts = {s: 0 for s in sizes}
        for k in kids:
            if k.clothing_size and (not it.sex or k.sex == it.sex):
                counts[k.clothing_size] += it.per_child
        rows.append(MatrixRow(p.id, p.code, p.name_en, it.sex, it.per_child, counts,
                              {s: variants.get(s) for s in sizes}))
    return SizeMatrix(centre_id, tuple(sizes), tuple(rows), len(kids),
                      tuple(k.code for k in kids if not k.clothing_size))


def create_uniform_order(actor: Actor, centre_id: int | None, items, *, due, priority=2,
                         notes: str = "", on: dt.date | None = None):
    """Make a draft order from the size matrix, remembering which child each piece is for."""
    require(actor, "production.orders")
    items = _clean_items(items)
    on = on or dt.date.today()
    matrix = size_matrix(actor, centre_id, items, on)
    missing = matrix.missing_variants
    if missing:
        raise ValidationError("items", _("the catalogue has no variant for {sizes}: add them first").format(
            sizes=", ".join(_("{code} size {size}").format(code=code, size=s) for code, s in missing)))
    lines: dict[int, int] = {}
    for row in matrix.rows:
        for s, n in row.counts.items():
            if n:
                lines[row.variants[s]] = lines.get(row.variants[s], 0) + n
    if not lines:
        raise ValidationError("items", _("no enrolled child with a clothing size matches these items"))
    if centre_id is not None:
        centre = Centre.get_by_id(centre_id)
        header = {"customer_kind": "centre", "centre_id": centre_id,
                  "customer": f"{centre.name} ({centre.code})"}
    else:
        header = {"customer_kind": "programme", "customer": "All centres"}
    kids = enrolled_children(centre_id, on)
    with database.atomic():
        info = create_order(actor, kind="uniform", due=due, priority=priority, notes=notes,
                            lines=list(lines.items()), **header)
        line_ids = {ln.variant_id: ln.id for ln in info.lines}
        seqs: dict[int, int] = {}
        rows = []
        for it, mrow in zip(items, matrix.rows):
            for k in kids:
                if not k.clothing_size or (it.sex and k.sex != it.sex):
                    continue
                line_id = line_ids[mrow.variants[k.clothing_size]]
                for _n in range(it.per_child):
                    seqs[line_id] = seqs.get(line_id, 0) + 1
                    rows.append({"order": info.id, "line": line_id, "child_id": k.id,
                                 "centre_code": k.centre.code, "child_code": k.code,
                                 "name_km": k.name_km, "name_latin": k.name_latin,
                                 "seq": seqs[line_id]})
        for i in range(0, len(rows), 500):
            OrderChild.insert_many(rows[i:i + 500]).execute()
        audit.record(actor, AREA, "uniforms", "order", info.id,
                     f"{info.no} from the sizes of {matrix.children} children "
                     f"({header['customer']})")
    return info


# --------------------------------------------------------------------------- hand-out list
@dataclass(frozen=True)
class HandoutRow:
    child_code: str
    name_km: str
    name_latin: str
    items: str  # "Shirt 8 x2, Shorts 8"


@dataclass(frozen=True)
class HandoutCentre:
    centre_code: str
    centre_name: str
    rows: tuple[HandoutRow, ...]


@dataclass(frozen=True)
class Handout:
    org: str
    delivery_no: str
    order_no: str
    day: dt.date
    customer: str
    centres: tuple[HandoutCentre, ...]


def handout(actor: Actor, delivery_id: int) -> Handout:
    """The children who receive the pieces of a delivery, per centre, in the order's seq order:
    a line's pieces go to its children in turn, so partial deliveries never give twice."""
    require(actor, "production.view")
    from ..core import settings

    d = Delivery.get_or_none(Delivery.id == delivery_id)
    if d is None:
        raise NotFound(_("delivery {delivery_id}").format(delivery_id=delivery_id))
    o = ProductionOrder.get_by_id(d.order_id)
    per_child: dict[tuple[str, str], dict] = {}
    for dl in DeliveryLine.select(DeliveryLine, OrderLine).join(OrderLine).where(
            DeliveryLine.delivery == d.id):
        v = ProductVariant.get_by_id(dl.line.variant_id)
        label = f"{v.product.name_en} {v.size}".strip()
        kids = (OrderChild.select().where(
            OrderChild.line == dl.line_id,
            OrderChild.seq > dl.delivered_before,
            OrderChild.seq <= dl.delivered_before + dl.quantity).order_by(OrderChild.seq))
        for k in kids:
            entry = per_child.setdefault((k.centre_code, k.child_code), {
                "km": k.name_km, "latin": k.name_latin, "items": {}})
            entry["items"][label] = entry["items"].get(label, 0) + 1
    names = dict(Centre.select(Centre.code, Centre.name).tuples())
    centres: dict[str, list[HandoutRow]] = {}
    for (centre, code), e in sorted(per_child.items(), key=lambda kv: (kv[0][0], kv[1]["latin"])):
        items = ", ".join(f"{lab} x{n}" if n > 1 else lab for lab, n in e["items"].items())
        centres.setdefault(centre, []).append(HandoutRow(code, e["km"], e["latin"], items))
    return Handout(settings.get("org_name"), delivery_no(d.number), order_no(o.number), d.day,
                   o.customer, tuple(HandoutCentre(c, names.get(c, c), tuple(rows))
                                     for c, rows in centres.items()))
