"""Workshop materials: fabric, thread, buttons... their stock ledger and the bills of materials.

Every change of stock is a ``MaterialMove`` (received, used by an order, adjusted with a reason,
returned); the stock is their sum, kept in ``Material.stock_milli`` by ``post_move`` in the same
transaction. Stock never goes below zero unless the caller gives a reason for it.
Quantities are thousandths of the material's unit (see ``parse_qty`` and ``format_qty``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from ...db import database
from ...db.catalog import Product, ProductVariant
from ...db.production import BomLine, Material, MaterialMove, SewingRate
from ..core import audit
from ..common import numbers, validate
from ..common.errors import NotFound, ValidationError
from ..core.permissions import Actor, internal, require
from .orders import AREA
from ...i18n import N_, _

MATERIAL_KINDS = (N_("fabric"), N_("thread"), N_("button"), N_("zip"), N_("elastic"), N_("label"), N_("other"))
MOVE_KINDS = (N_("receive"), N_("use"), N_("adjust"), N_("return"))
MAX_QTY = 10_000_000_000  # thousandths: ten million units


def parse_qty(field: str, value, allow_negative: bool = False, allow_zero: bool = False) -> int:
    """Return thousandths of a unit from '12.5' ('12,5' in French), '3' or an int (already thousandths)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise ValidationError(field, _("must be a quantity like 12.5"))
    if isinstance(value, int):
        milli = value
    else:
        # read like amounts, in the user's language: '12,5' in French, '1,200' is 1200 in English
        exact = numbers.parse_quantity(field, value, 3) * 1000
        if exact != exact.to_integral_value():
            raise ValidationError(field, _("has more than three decimals"))
        milli = int(exact)
    if milli < 0 and not allow_negative:
        raise ValidationError(field, _("must not be negative"))
    if milli == 0 and not allow_zero:
        raise ValidationError(field, _("must not be zero"))
    if abs(milli) > MAX_QTY:
        raise ValidationError(field, _("is too large"))
    return milli


def format_qty(milli: int, unit: str = "") -> str:
    """Return '12.5 m' for 12500 thousandths of a metre; '-3 piece' keeps its sign."""
    sign = "-" if milli < 0 else ""
    whole, frac = divmod(abs(milli), 1000)
    text = f"{sign}{whole:,}" + (f".{frac:03d}".rstrip("0") if frac else "")
    return f"{text} {unit}".strip()


def needed_milli(qty_milli: int, waste_pct: int, pieces: int) -> int:
    """Material for ``pieces`` pieces with waste, rounded up to a whole thousandth."""
    total = qty_milli * pieces * (100 + waste_pct)
    return -(-total // 100) if total >= 0 else -((-total) // 100)


# --------------------------------------------------------------------------- materials
@dataclass(frozen=True)
class MaterialInfo:
    id: int
    code: str
    name: str
    kind: str
    colour: str
    unit: str
    unit_cost_cents: int
    min_stock_milli: int
    stock_milli: int
    active: bool

    @property
    def label(self) -> str:
        return f"{self.name} ({self.colour})" if self.colour else self.name

    @property
    def low(self) -> bool:
        return self.stock_milli <= self.min_stock_milli


def _info(m: Material) -> MaterialInfo:
    return MaterialInfo(m.id, m.code, m.name, m.kind, m.colour, m.unit, m.unit_cost_cents,
                        m.min_stock_milli, m.stock_milli, m.active)


def material_row(material_id: int) -> Material:
    m = Material.get_or_none(Material.id == material_id)
    if m is None:
        raise NotFound(_("material {material_id}").format(material_id=material_id))
    return m


def get_material(material_id: int) -> MaterialInfo:
    return _info(material_row(material_id))


def list_materials(text: str = "", *, active_only: bool = True, low_only: bool = False,
                   kind: str = "") -> list[MaterialInfo]:
    query = Material.select().order_by(Material.kind, Material.code)
    if active_only:
        query = query.where(Material.active == True)  # noqa: E712
    if kind:
        query = query.where(Material.kind == kind)
    if low_only:
        query = query.where(Material.stock_milli <= Material.min_stock_milli)
    text = (text or "").strip()
    if text:
        like = f"%{text}%"
        query = query.where(Material.code ** like | Material.name ** like | Material.colour ** like)
    return [_info(m) for m in query]


def save_material(actor: Actor, material_id: int | None, code: str, name: str, kind: str,
                  unit: str, *, colour: str = "", unit_cost=0, min_stock=0,
                  active: bool = True) -> MaterialInfo:
    """Create (``material_id`` None) or edit a material; its stock changes only by moves."""
    require(actor, "production.materials")
    values = {
        "code": validate.code("code", code, 20),
        "name": validate.name("name", name, 80),
        "kind": validate.choice("kind", kind, MATERIAL_KINDS),
        "unit": validate.text("unit", unit, 10),
        "colour": validate.text("colour", colour, 30, required=False),
        "unit_cost_cents": validate.money_cents("unit cost", unit_cost if unit_cost not in (None, "") else 0),
        "min_stock_milli": parse_qty("minimum stock", min_stock if min_stock not in (None, "") else 0,
                                     allow_zero=True),
        "active": bool(active),
    }
    with database.atomic():
        clash = Material.select().where(Material.code == values["code"])
        if material_id is not None:
            clash = clash.where(Material.id != material_id)
        if clash.exists():
            raise ValidationError("code", _("another material has the code {code}").format(code=values['code']))
        if material_id is None:
            m = Material.create(**values)
            audit.record(actor, AREA, "create", "material", m.id, f"material {m.code} {m.name}")
        else:
            m = material_row(material_id)
            before = {k: getattr(m, k) for k in values}
            for k, v in values.items():
                setattr(m, k, v)
            m.save()
            audit.record(actor, AREA, "update", "material", m.id,
                         f"{m.code}: " + audit.describe_changes(before, values))
    return _info(m)


# --------------------------------------------------------------------------- the ledger
@internal
def post_move(actor: Actor | None, material: Material, qty_milli: int, kind: str, day: dt.date, *,
              order_id: int | None = None, output_id: int | None = None, note: str = "",
              negative_reason: str = "") -> int:
    """Append one move and update the stock; call inside the caller's transaction.

    Refuses (ValidationError on 'quantity') a move that takes the stock below zero unless
    ``negative_reason`` says why; return the new stock.
    """
    current = (Material.select(Material.stock_milli).where(Material.id == material.id)
               .tuples().first()[0])
    after = current + qty_milli
    if qty_milli < 0 and after < 0 and not negative_reason:
        raise ValidationError(
            "quantity", _("only {format_qty} of {code} in stock; {format_qty2} needed. Receive it first, or give a reason to let the stock go below zero. Nothing was recorded.").format(format_qty=format_qty(current, material.unit), code=material.code, format_qty2=format_qty(-qty_milli, material.unit)))
    if negative_reason and after < 0:
        note = (f"{note}; " if note else "") + f"below zero: {negative_reason}"
    MaterialMove.insert(at=dt.datetime.now(), day=day, material=material.id, qty_milli=qty_milli,
                        kind=kind, order=order_id, output=output_id, note=note[:200],
                        user=actor.id if actor else None).execute()
    Material.update(stock_milli=Material.stock_milli + qty_milli).where(
        Material.id == material.id).execute()
    return after


def receive(actor: Actor, material_id: int, quantity, *, day=None, note: str = "",
            unit_cost=None) -> MaterialInfo:
    """Record material coming in (bought or given); optionally update its unit cost."""
    require(actor, "production.materials")
    qty = parse_qty("quantity", quantity)
    note = validate.text("note", note, 200, required=False)
    day = validate.date("day", day, required=False) or dt.date.today()
    cost = None if unit_cost in (None, "") else validate.money_cents("unit cost", unit_cost)
    with database.atomic():
        m = material_row(material_id)
        post_move(actor, m, qty, "receive", day, note=note)
        if cost is not None and cost != m.unit_cost_cents:
            Material.update(unit_cost_cents=cost).where(Material.id == m.id).execute()
        audit.record(actor, AREA, "receive", "material", m.id,
                     f"received {format_qty(qty, m.unit)} of {m.code}" + (f": {note}" if note else ""))
    return get_material(material_id)


def adjust(actor: Actor, material_id: int, quantity, reason: str, *, day=None,
           negative_reason: str = "") -> MaterialInfo:
    """Correct the stock by ``quantity`` (+ or -) with a reason, e.g. after counting the shelf."""
    require(actor, "production.materials")
    qty = parse_qty("quantity", quantity, allow_negative=True)
    reason = validate.text("reason", reason, 200)
    negative_reason = validate.text("reason for going below zero", negative_reason, 200,
                                    required=False)
    day = validate.date("day", day, required=False) or dt.date.today()
    with database.atomic():
        m = material_row(material_id)
        post_move(actor, m, qty, "adjust", day, note=reason, negative_reason=negative_reason)
        audit.record(actor, AREA, "adjust", "material", m.id,
                     f"adjusted {m.code} by {format_qty(qty, m.unit)}: {reason}")
    return get_material(material_id)


def return_to_stock(actor: Actor, material_id: int, quantity, *, order_id: int | None = None,
                    day=None, note: str = "") -> MaterialInfo:
    """Material not used by an order comes back to the store."""
    require(actor, "production.materials")
    qty = parse_qty("quantity", quantity)
    note = validate.text("note", note, 200, required=False)
    day = validate.date("day", day, required=False) or dt.date.today()
    with database.atomic():
        m = material_row(material_id)
        post_move(actor, m, qty, "return", day, order_id=order_id, note=note)
        audit.record(actor, AREA, "return", "material", m.id,
                     f"{format_qty(qty, m.unit)} of {m.code} returned to stock"
                     + (f" from order {order_id}" if order_id else ""))
    return get_material(material_id)


@dataclass(frozen=True)
class MoveRow:
    day: dt.date
    kind: str
    qty_milli: int
    unit: str
    order_id: int | None
    note: str
    username: str


def moves(material_id: int, limit: int = 300) -> list[MoveRow]:
    from ...db.core import User

    query = (MaterialMove.select(MaterialMove, Material.unit, User.username)
             .join(Material).switch(MaterialMove).join(User, JOIN.LEFT_OUTER)
             .where(MaterialMove.material == material_id)
             .order_by(MaterialMove.day.desc(), MaterialMove.id.desc()).limit(limit))
    return [MoveRow(m.day, m.kind, m.qty_milli, m.material.unit, m.order_id, m.note,
                    m.user.username if m.user_id else "") for m in query]


def ledger_mismatches() -> list[tuple[int, int, int]]:
    """Return (material, stock column, ledger sum) wherever they differ; empty when sound."""
    sums = dict(database.execute_sql(
        "SELECT material_id, SUM(qty_milli) FROM material_move GROUP BY material_id").fetchall())
    return [(m.id, m.stock_milli, sums.get(m.id, 0)) for m in Material.select()
            if m.stock_milli != sums.get(m.id, 0)]


# --------------------------------------------------------------------------- bills of materials
@dataclass(frozen=True)
class BomRow:
    id: int
    variant_id: int
    material_id: int
    material_code: str
    material_label: str
    unit: str
    qty_milli: int
    waste_pct: int


def bom(variant_id: int) -> list[BomRow]:
    query = (BomLine.select(BomLine, Material).join(Material)
             .where(BomLine.variant == variant_id).order_by(Material.kind, Material.code))
    return [BomRow(b.id, b.variant_id, b.material_id, b.material.code, _info(b.material).label,
                   b.material.unit, b.qty_milli, b.waste_pct) for b in query]


def boms_for(variant_ids) -> dict[int, list[BomRow]]:
    out: dict[int, list[BomRow]] = {v: [] for v in variant_ids}
    query = (BomLine.select(BomLine, Material).join(Material)
             .where(BomLine.variant.in_(list(variant_ids))))
    for b in query:
        out[b.variant_id].append(BomRow(b.id, b.variant_id, b.material_id, b.material.code,
                                        _info(b.material).label, b.material.unit, b.qty_milli,
                                        b.waste_pct))
    return out


def set_bom_line(actor: Actor, variant_id: int, material_id: int, quantity, waste_pct=0) -> BomRow:
    """Set how much of a material one piece of a variant takes (replaces the previous figure)."""
    require(actor, "production.materials")
    qty = parse_qty("quantity per piece", quantity)
    waste = validate.integer("waste %", waste_pct if waste_pct not in (None, "") else 0, 0, 200)
    with database.atomic():
        variant = ProductVariant.get_or_none(ProductVariant.id == variant_id)
        if variant is None:
            raise NotFound(_("variant {variant_id}").format(variant_id=variant_id))
        m = material_row(material_id)
        (BomLine.insert(variant=variant_id, material=material_id, qty_milli=qty, waste_pct=waste)
         .on_conflict(conflict_target=[BomLine.variant, BomLine.material],
                      update={BomLine.qty_milli: qty, BomLine.waste_pct: waste}).execute())
        audit.record(actor, AREA, "bom", "variant", variant_id,
                     f"{variant.code} takes {format_qty(qty, m.unit)} of {m.code} per piece"
                     f" + {waste}% waste")
    return next(r for r in bom(variant_id) if r.material_id == material_id)


def remove_bom_line(actor: Actor, bom_line_id: int) -> None:
    require(actor, "production.materials")
    with database.atomic():
        b = BomLine.get_or_none(BomLine.id == bom_line_id)
        if b is None:
            raise NotFound(_("bill of materials line {bom_line_id}").format(bom_line_id=bom_line_id))
        b.delete_instance()
        audit.record(actor, AREA, "bom", "variant", b.variant_id,
                     f"material {b.material_id} removed from the bill of materials")


def copy_bom(actor: Actor, from_variant_id: int, to_variant_ids) -> int:
    """Give other variants (the other sizes, say) the same bill of materials; return lines set."""
    require(actor, "production.materials")
    source = bom(from_variant_id)
    if not source:
        raise ValidationError("variant", _("this variant has no bill of materials to copy"))
    count = 0
    with database.atomic():
        for vid in to_variant_ids:
            if vid == from_variant_id:
                continue
            for r in source:
                (BomLine.insert(variant=vid, material=r.material_id, qty_milli=r.qty_milli,
                                waste_pct=r.waste_pct)
                 .on_conflict(conflict_target=[BomLine.variant, BomLine.material],
                              update={BomLine.qty_milli: r.qty_milli,
                                      BomLine.waste_pct: r.waste_pct}).execute())
                count += 1
        audit.record(actor, AREA, "bom", "variant", from_variant_id,
                     f"bill of materials copied to {len(list(to_variant_ids))} variants")
    return count


def sewing_rate(variant_id: int) -> int:
    row = SewingRate.get_or_none(SewingRate.variant == variant_id)
    return row.piece_rate_cents if row else 0


def set_sewing_rate(actor: Actor, variant_id: int, rate) -> int:
    """Set the pay per piece of a variant for piece-rate workers; return cents."""
    require(actor, "production.materials")
    cents = validate.money_cents("piece rate", rate)
    with database.atomic():
        variant = ProductVariant.get_or_none(ProductVariant.id == variant_id)
        if variant is None:
            raise NotFound(_("variant {variant_id}").format(variant_id=variant_id))
        (SewingRate.insert(variant=variant_id, piece_rate_cents=cents)
         .on_conflict(conflict_target=[SewingRate.variant],
                      update={SewingRate.piece_rate_cents: cents}).execute())
        audit.record(actor, AREA, "rate", "variant", variant_id,
                     f"{variant.code}: {validate.format_cents(cents)} per piece")
    return cents


def variants_without_bom(kind: str | None = None) -> list[str]:
    """Codes of active variants that have no bill of materials yet."""
    query = (ProductVariant.select(ProductVariant.code).join(Product)
             .where(ProductVariant.active == True,  # noqa: E712
                    ProductVariant.id.not_in(BomLine.select(BomLine.variant))))
    if kind:
        query = query.where(Product.kind == kind)
    return [r[0] for r in query.order_by(ProductVariant.code).tuples()]
