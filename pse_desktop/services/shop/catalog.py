"""The product catalogue shared by the shop and the workshop: products, variants, prices.

Production orders and the shop's stock and sales refer to a variant by its id; a variant's code
and barcode are what people type or scan.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...db import database
from ...db.catalog import Product, ProductVariant
from ..common import numbers, validate
from ..core import settings
from ..common.errors import NotFound, ValidationError
from ..common.records import refuse_duplicate, save_row
from ..core.permissions import Actor, register_actions, require
from ...i18n import N_, _

KINDS = (N_("uniform"), N_("handicraft"))

register_actions(
    {"catalog.edit": N_("Add and edit products, variants and prices")},
    {"workshop_manager": ["catalog.edit"]},
)


settings.declare(
    settings.SettingDef("shop_price_usual_max_cents", N_("Usual highest price (cents)"), "int", 20_000,
                        N_("A shop price above this is saved only after the user confirms it. "
                           "20000 = US$200."), 100, 10_000_000),
)

PRICE_HARD_LIMIT = 1_000_000  # $10,000: no item of the shops costs more


def price_limits() -> numbers.Plausible:
    """The usual range of a dollar price (euro prices are compared after the same numbers)."""
    return numbers.Plausible(0, settings.get("shop_price_usual_max_cents"), PRICE_HARD_LIMIT)


@dataclass(frozen=True)
class ProductInfo:
    id: int
    code: str
    name_en: str
    name_fr: str
    name_km: str
    category: str
    kind: str
    active: bool


@dataclass(frozen=True)
class VariantInfo:
    id: int
    product_id: int
    code: str
    name: str  # product's English name with size and colour
    name_fr: str
    name_km: str
    category: str
    kind: str
    size: str
    colour: str
    barcode: str
    price_usd_cents: int
    price_eur_cents: int | None
    cost_cents: int
    low_stock: int
    active: bool


def _product_info(p: Product) -> ProductInfo:
    return ProductInfo(p.id, p.code, p.name_en, p.name_fr, p.name_km, p.category, p.kind, p.active)


def variant_label(name: str, size: str, colour: str) -> str:
    extra = ", ".join(x for x in (size, colour) if x)
    return f"{name} ({extra})" if extra else name


def _variant_info(v: ProductVariant, p: Product) -> VariantInfo:
    return VariantInfo(
        v.id, p.id, v.code, variant_label(p.name_en, v.size, v.colour),
        variant_label(p.name_fr or p.name_en, v.size, v.colour), p.name_km, p.category, p.kind,
        v.size, v.colour, v.barcode or "", v.price_usd_cents, v.price_eur_cents, v.cost_cents,
        v.low_stock, v.active and p.active)


def save_product(actor: Actor, product_id: int | None, code: str, name_en: str, category: str,
                 kind: str, name_fr: str = "", name_km: str = "", active: bool = True) -> ProductInfo:
    """Create (``product_id`` None) or edit a product family."""
    require(actor, "catalog.edit")
    code = validate.code("code", code, 20)
    name_en = validate.name("name", name_en, 120)
    name_fr = validate.name("French name", name_fr, 120, required=False)
    name_km = validate.name("Khmer name", name_km, 120, required=False)
    category = validate.text("category", category, 40)
    kind = validate.choice("kind", kind, KINDS)
    values = {"code": code, "name_en": name_en, "name_fr": name_fr, "name_km": name_km,
              "category": category, "kind": kind, "active": bool(active)}
    with database.atomic():
        refuse_duplicate(Product, "code", code, product_id, "product")
        product = save_row(actor, Product, product_id, values, area="catalog", entity="product",
                           created=f"product {code} {name_en}", update_prefix=f"{code}: ")
    return _product_info(product)


def save_variant(actor: Actor, variant_id: int | None, product_id: int, code: str, price_usd,
                 *, size: str = "", colour: str = "", barcode: str = "", price_eur=None, cost=0,
                 low_stock=0, active: bool = True, confirm: bool = False) -> VariantInfo:
    """Create (``variant_id`` None) or edit a variant; prices as cents or text like '12.50'.

    A price above the usual highest (a setting) needs ``confirm``; NeedsConfirmation says so.
    """
    require(actor, "catalog.edit")
    code = validate.code("code", code, 30)
    size = validate.text("size", size, 20, required=False)
    colour = validate.text("colour", colour, 30, required=False)
    barcode = validate.text("barcode", barcode, 40, required=False) or None
    price_usd = validate.money_cents("price", price_usd)
    price_eur = None if price_eur in (None, "") else validate.money_cents("euro price", price_eur, currency="EUR")
    cost = validate.money_cents("cost", cost if cost not in (None, "") else 0)
    numbers.check_plausible("price", price_usd, "USD", price_limits(), confirm)
    if price_eur is not None:
        numbers.check_plausible("euro price", price_eur, "EUR", price_limits(), confirm)
    numbers.check_plausible("cost", cost, "USD", price_limits(), confirm)
    low_stock = validate.integer("low stock", low_stock if low_stock not in (None, "") else 0, 0)
    values = {"code": code, "size": size, "colour": colour, "barcode": barcode,
              "price_usd_cents": price_usd, "price_eur_cents": price_eur, "cost_cents": cost,
              "low_stock": low_stock, "active": bool(active)}
    with database.atomic():
        product = Product.get_or_none(Product.id == product_id)
        if product is None:
            raise NotFound(_("product {product_id}").format(product_id=product_id))
        refuse_duplicate(ProductVariant, "code", code, variant_id, "variant")
        if barcode:
            refuse_duplicate(ProductVariant, "barcode", barcode, variant_id, "variant")
        variant = save_row(actor, ProductVariant, variant_id, values, area="catalog",
                           entity="variant", update_prefix=f"{code}: ", extra={"product": product},
                           created=f"variant {code} of {product.code}, "
                                   f"price {validate.format_cents(price_usd)}")
    return _variant_info(variant, product)


def variant_quantities(lines) -> dict[int, int]:
    """Return {variant id: total quantity} from [(variant_id, qty), ...] or a dict, each quantity
    1 to 100,000 and each variant existing; the same variant twice is added up."""
    items = lines.items() if isinstance(lines, dict) else lines
    out: dict[int, int] = {}
    for variant_id, qty in items:
        qty = validate.integer("quantity", qty, 1, 100_000)
        if ProductVariant.get_or_none(ProductVariant.id == variant_id) is None:
            raise ValidationError("product", _("no product variant {variant_id}").format(variant_id=variant_id))
        out[variant_id] = out.get(variant_id, 0) + qty
    return out


def _variants_query():
    return ProductVariant.select(ProductVariant, Product).join(Product)


def get_variant(variant_id: int) -> VariantInfo:
    row = _variants_query().where(ProductVariant.id == variant_id).first()
    if row is None:
        raise NotFound(_("variant {variant_id}").format(variant_id=variant_id))
    return _variant_info(row, row.product)


def find_variant(code_or_barcode: str) -> VariantInfo | None:
    """Return the variant whose barcode or code (any case) is the text scanned or typed."""
    text = (code_or_barcode or "").strip()
    if not text:
        return None
    row = _variants_query().where(ProductVariant.barcode == text).first()
    if row is None:
        row = _variants_query().where(ProductVariant.code == text.upper()).first()
    return None if row is None else _variant_info(row, row.product)


def list_products(active_only: bool = False) -> list[ProductInfo]:
    query = Product.select().order_by(Product.code)
    if active_only:
        query = query.where(Product.active == True)  # noqa: E712
    return [_product_info(p) for p in query]


def search_variants(text: str = "", *, active_only: bool = True, kind: str | None = None,
                    limit: int | None = 200, offset: int = 0) -> tuple[list[VariantInfo], int]:
    """Return a page of variants whose code, barcode or names hold ``text``, and the total."""
    query = _variants_query()
    if active_only:
        query = query.where(ProductVariant.active == True, Product.active == True)  # noqa: E712
    if kind:
        query = query.where(Product.kind == kind)
    text = (text or "").strip()
    if text:
        like = f"%{text}%"
        query = query.where(ProductVariant.code.contains(text) | (ProductVariant.barcode == text)
                            | Product.name_en ** like | Product.name_fr ** like
                            | Product.name_km.contains(text) | Product.category ** like)
    total = query.count()
    query = query.order_by(ProductVariant.code)
    if limit:
        query = query.limit(limit).offset(offset)
    return [_variant_info(v, v.product) for v in query], total


def categories() -> list[str]:
    return [r.category for r in Product.select(Product.category).distinct().order_by(Product.category)]


def save_item(actor: Actor, variant_id: int | None, values: dict, confirm: bool = False) -> VariantInfo:
    """Save a product and one of its variants from one form, in one transaction.

    ``values``: product, name, name_fr, name_km, category, kind, code, size, colour, barcode,
    price, euro price, cost, low stock, active. The product is found by its code or created.
    """
    require(actor, "catalog.edit")
    get = lambda k: values.get(k, "")  # noqa: E731
    with database.atomic():
        code = validate.code("product", get("product"), 20)
        existing = Product.get_or_none(Product.code == code)
        if variant_id is not None:
            current = ProductVariant.get_or_none(ProductVariant.id == variant_id)
            if current is None:
                raise NotFound(_("variant {variant_id}").format(variant_id=variant_id))
            if existing is None:
                existing = current.product  # the product's code is being changed
        try:
            product = save_product(actor, existing.id if existing else None, code, get("name"),
                                   get("category"), get("kind") or "handicraft",
                                   name_fr=get("name_fr"), name_km=get("name_km"),
                                   active=existing.active if existing else True)
        except ValidationError as exc:
            if exc.field == "code":
                raise ValidationError("product", exc.message) from None
            raise
        return save_variant(actor, variant_id, product.id, get("code"), get("price"),
                            size=get("size"), colour=get("colour"), barcode=get("barcode"),
                            price_eur=get("euro price") or None, cost=get("cost") or 0,
                            low_stock=get("low stock") or 0, active=bool(values.get("active", True)),
                            confirm=confirm)
