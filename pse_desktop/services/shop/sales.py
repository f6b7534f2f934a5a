"""Point of sale: scan into a cart, take payment in dollars, riel or euros, give change.

A completed sale is never edited. A void (same day) or a return is a new sale record of kind
'void' or 'return' that points to the original, with a reason, negative lines, and the money
given back. Sale numbers run per location with no gaps; voids and returns take numbers too.
Money is integer minor units; conversions use exact fractions, rounded once at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from peewee import fn

from ...db import counters, database
from ...db.catalog import Product, ProductVariant
from ...db.shop import DayClosing, Sale, SaleLine, StockLocation
from ..core import audit, settings
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core.permissions import Actor, can
from ...formats import format_date, format_money
from .locations import AREA, location_row, require_at
from .stock import balance, check_available, post_move
from ...i18n import _

CHANGE_MODES = ("mixed", "usd", "khr")


@dataclass(frozen=True)
class Rates:
    khr_per_usd: int
    eur_per_usd_milli: int

    @classmethod
    def current(cls) -> "Rates":
        return cls(settings.get("khr_per_usd"), settings.get("eur_per_usd_milli"))

    def to_minor(self, amount: int, currency: str, into: str) -> Fraction:
        """Convert minor units of ``currency`` (USD, KHR, EUR) into minor units of ``into``."""
        usd_cents = {"USD": Fraction(amount), "KHR": Fraction(amount * 100, self.khr_per_usd),
                     "EUR": Fraction(amount * 1000, self.eur_per_usd_milli)}[currency]
        return {"USD": usd_cents, "KHR": usd_cents * self.khr_per_usd / 100,
                "EUR": usd_cents * self.eur_per_usd_milli / 1000}[into]


def round_riel(riel: Fraction) -> int:
    """Round riel to the nearest 100 (half up): the smallest note in use."""
    return int((riel / 100 + Fraction(1, 2)) // 1) * 100


def round_minor(value: Fraction) -> int:
    return int((value + Fraction(1, 2)) // 1)


@dataclass(frozen=True)
class CartLine:
    variant_id: int
    code: str
    name: str
    unit_price: int
    quantity: int = 1
    discount_pct: int = 0
    in_stock: int = 0

    @property
    def gross(self) -> int:
        return self.unit_price * self.quantity

    @property
    def discount(self) -> int:
        return self.gross * self.discount_pct // 100

    @property
    def amount(self) -> int:
        return self.gross - self.discount


def unit_price(variant: ProductVariant, currency: str, rates: Rates) -> int:
    """The price in the location's currency: the euro list at events, else converted dollars."""
    if currency == "EUR":
        if variant.price_eur_cents is not None:
            return variant.price_eur_cents
        return round_minor(rates.to_minor(variant.price_usd_cents, "USD", "EUR"))
    return variant.price_usd_cents


def scan(location_id: int, code: str, rates: Rates | None = None) -> CartLine:
    """Return the cart line for a scanned barcode or typed code at a location."""
    text = (code or "").strip()
    if not text:
        raise ValidationError("scan", _("scan a barcode or type a product code"))
    query = (ProductVariant.select(ProductVariant, Product).join(Product)
             .where(ProductVariant.active == True, Product.active == True))  # noqa: E712
    variant = query.where(ProductVariant.barcode == text).first() or query.where(
        ProductVariant.code == text.upper()).first()
    if variant is None:
        raise ValidationError("scan", _("no active product has the code or barcode {text!r}").format(text=text))
    loc = location_row(location_id)
    from .catalog import variant_label

    name = variant_label(variant.product.name_fr if loc.currency == "EUR" and variant.product.name_fr
                         else variant.product.name_en, variant.size, variant.colour)
    return CartLine(variant.id, variant.code, name,
                    unit_price(variant, loc.currency, rates or Rates.current()),
                    in_stock=balance(variant.id, loc.id))


@dataclass(frozen=True)
class Payment:
    currency: str  # of the total
    total: int
    paid_usd: int
    paid_khr: int
    paid_eur: int
    change_usd: int
    change_khr: int
    change_eur: int
    short: int  # minor units of ``currency`` still missing; 0 when paid

    @property
    def ok(self) -> bool:
        return self.short == 0


def settle(total: int, currency: str, paid_usd: int, paid_khr: int, paid_eur: int, rates: Rates,
           change_in: str = "mixed") -> Payment:
    """Work out the change for a payment (pure arithmetic, no database).

    In dollar shops change is whole dollars plus the rest in riel rounded to 100 ('mixed'), or
    all in dollars ('usd') or all in riel ('khr'). At events (euros) change is in euros.
    A shortfall smaller than half the smallest riel note is accepted when riel are paid.
    """
    paid = (rates.to_minor(paid_usd, "USD", currency) + rates.to_minor(paid_khr, "KHR", currency)
            + rates.to_minor(paid_eur, "EUR", currency))
    rest = paid - total
    cu = ck = ce = 0
    short = 0
    if rest < 0:
        tolerance = rates.to_minor(50, "KHR", currency) if paid_khr else Fraction(0)
        if -rest > tolerance:
            short = max(1, round_minor(-rest))
        rest = Fraction(0)
    if rest > 0:
        if currency == "EUR":
            ce = round_minor(rest)
        else:
            if change_in == "mixed":
                cu = int(rest // 100) * 100
                ck = round_riel((rest - cu) * rates.khr_per_usd / 100)
            elif change_in == "usd":
                cu = round_minor(rest)
            else:
                ck = round_riel(rest * rates.khr_per_usd / 100)
    return Payment(currency, total, paid_usd, paid_khr, paid_eur, cu, ck, ce, short)


def _next_number(location_id: int) -> int:
    """The location's next sale number; taking it waits for any other till of the location
    (the counter row stays locked until this sale commits), so take it before reading stock."""
    def used():
        return Sale.select(fn.MAX(Sale.number)).where(Sale.location == location_id).scalar()
    return counters.next_value(f"sale:{location_id}", used)


def _refuse_closed(loc: StockLocation, day: dt.date) -> None:
    if DayClosing.select().where(DayClosing.location == loc.id, DayClosing.day == day).exists():
        raise ConflictError(_("The day {day} is closed at {code}: it takes no more sales, returns or voids.").format(
            day=format_date(day), code=loc.code))


def _refuse_other_currencies(loc: StockLocation, paid_usd: int, paid_khr: int,
                             paid_eur: int) -> None:
    """Events in France take euros only; shops take dollars and riel, never euros."""
    if loc.currency == "EUR":
        if paid_usd:
            raise ValidationError("dollars paid", _("{shop} sells in euros: take euros only").format(shop=loc.code))
        if paid_khr:
            raise ValidationError("riel paid", _("{shop} sells in euros: take euros only").format(shop=loc.code))
    elif paid_eur:
        raise ValidationError("euros paid", _("{shop} takes dollars and riel, not euros").format(shop=loc.code))


def _clean_cart(actor: Actor, loc: StockLocation, lines, rates: Rates):
    """Return [(variant row, qty, unit price, discount amount)] from the cart's lines."""
    out = []
    for line in lines:
        if isinstance(line, CartLine):
            variant_id, qty, pct = line.variant_id, line.quantity, line.discount_pct
        else:
            variant_id, qty, pct = (tuple(line) + (0,))[:3]
        qty = validate.integer("quantity", qty, 1, 10000)
        pct = validate.integer("discount", pct or 0, 0, 100)
        if pct and not can(actor, "shop.discount", shop_id=loc.shop_id):
            raise ValidationError("discount", _("you may not give discounts; ask an admin"))
        variant = ProductVariant.get_or_none(ProductVariant.id == variant_id)
        if variant is None:
            raise ValidationError("product", _("no product variant {variant_id}").format(variant_id=variant_id))
        price = unit_price(variant, loc.currency, rates)
        out.append((variant, qty, price, price * qty * pct // 100))
    if not out:
        raise ValidationError("scan", _("the cart is empty"))
    return out


def complete_sale(actor: Actor, location_id: int, lines, *, paid_usd=0, paid_khr=0, paid_eur=0,
                  change_in: str = "mixed", day: dt.date | None = None,
                  rates: Rates | None = None) -> int:
    """Record a paid sale: stock check, number, lines, ledger rows, audit; return the sale id."""
    loc = location_row(location_id)
    require_at(actor, "shop.sell", loc)
    rates = rates or Rates.current()
    day = day or dt.date.today()
    change_in = validate.choice("change", change_in, CHANGE_MODES)
    paid_usd = validate.money_cents("dollars paid", paid_usd or 0)
    paid_khr = validate.money_cents("riel paid", paid_khr or 0, currency="KHR")
    paid_eur = validate.money_cents("euros paid", paid_eur or 0, currency="EUR")
    _refuse_other_currencies(loc, paid_usd, paid_khr, paid_eur)
    items = _clean_cart(actor, loc, lines, rates)
    subtotal = sum(price * qty for _, qty, price, _ in items)
    discount = sum(d for *_, d in items)
    pay = settle(subtotal - discount, loc.currency, paid_usd, paid_khr, paid_eur, rates, change_in)
    if not pay.ok:
        raise ValidationError("payment", _("{money} still to pay").format(money=format_money(pay.short, loc.currency)))
    wanted: dict[int, int] = {}
    for variant, qty, *_rest in items:
        wanted[variant.id] = wanted.get(variant.id, 0) + qty
    with database.atomic():
        number = _next_number(loc.id)
        _refuse_closed(loc, day)
        check_available(loc, wanted)
        sale = Sale.create(location=loc, number=number, kind="sale", day=day, at=dt.datetime.now(),
                           user=actor.id, currency=loc.currency, subtotal=subtotal,
                           discount=discount, total=subtotal - discount,
                           khr_per_usd=rates.khr_per_usd, eur_per_usd_milli=rates.eur_per_usd_milli,
                           paid_usd=paid_usd, paid_khr=paid_khr, paid_eur=paid_eur,
                           change_usd=pay.change_usd, change_khr=pay.change_khr,
                           change_eur=pay.change_eur)
        SaleLine.insert_many([
            {"sale": sale.id, "variant": v.id, "quantity": qty, "unit_price": price,
             "discount": disc, "amount": price * qty - disc, "cost": v.cost_cents, "day": day}
            for v, qty, price, disc in items]).execute()
        for v, qty, *_rest in items:
            post_move(actor, v.id, loc.id, -qty, "sale", day, f"sale:{sale.id}")
        audit.record(actor, AREA, "sell", "sale", sale.id,
                     f"sale {loc.code}-{number}: {sum(wanted.values())} items, "
                     f"{format_money(subtotal - discount, loc.currency)}; {_paid_text(pay)}")
    return sale.id


def _paid_text(pay: Payment) -> str:
    paid = [format_money(a, c) for a, c in ((pay.paid_usd, "USD"), (pay.paid_khr, "KHR"),
                                     (pay.paid_eur, "EUR")) if a]
    change = [format_money(a, c) for a, c in ((pay.change_usd, "USD"), (pay.change_khr, "KHR"),
                                       (pay.change_eur, "EUR")) if a]
    return "paid " + (" + ".join(paid) or "nothing") + (
        "; change " + " + ".join(change) if change else "")


def _sale_row(sale_id: int) -> Sale:
    sale = Sale.get_or_none(Sale.id == sale_id)
    if sale is None:
        raise NotFound(_("sale {sale_id}").format(sale_id=sale_id))
    return sale


@dataclass(frozen=True)
class SaleView:
    id: int
    location_id: int
    location_code: str
    location_name: str
    number: int
    kind: str
    original_number: int | None
    reason: str
    at: dt.datetime
    day: dt.date
    cashier: str
    currency: str
    subtotal: int
    discount: int
    total: int
    khr_per_usd: int
    eur_per_usd_milli: int
    paid: dict
    change: dict
    lines: list = field(default_factory=list)  # (code, name, qty, unit price, discount, amount)
    corrected: bool = False


def get_sale(sale_id: int) -> SaleView:
    """Return a sale with its lines, as plain data for the screen and the receipt."""
    from .catalog import variant_label

    s = _sale_row(sale_id)
    loc = s.location
    lines = [(v.code, variant_label(p.name_en, v.size, v.colour), ln.quantity, ln.unit_price,
              ln.discount, ln.amount)
             for ln, v, p in ((ln, ln.variant, ln.variant.product)
                              for ln in SaleLine.select().where(SaleLine.sale == s.id)
                              .order_by(SaleLine.id))]
    cashier = s.user.full_name or s.user.username if s.user_id else ""
    return SaleView(s.id, loc.id, loc.code, loc.name, s.number, s.kind,
                    s.original.number if s.original_id else None, s.reason, s.at, s.day, cashier,
                    s.currency, s.subtotal, s.discount, s.total, s.khr_per_usd,
                    s.eur_per_usd_milli,
                    {"USD": s.paid_usd, "KHR": s.paid_khr, "EUR": s.paid_eur},
                    {"USD": s.change_usd, "KHR": s.change_khr, "EUR": s.change_eur}, lines,
                    Sale.select().where(Sale.original == s.id).exists())


def find_sale(location_id: int, number) -> int:
    number = validate.integer("sale number", number, 1)
    row = Sale.get_or_none(Sale.location == location_id, Sale.number == number)
    if row is None:
        raise ValidationError("sale number", _("no sale {number} in this location").format(number=number))
    return row.id


def list_sales(actor: Actor, location_id: int, day: dt.date | None = None, limit: int = 200,
               offset: int = 0) -> tuple[list[tuple], int]:
    """Return (sale id, number, time, kind, items, total text) of a location's sales, newest first."""
    require_at(actor, "shop.view", location_row(location_id))
    query = Sale.select().where(Sale.location == location_id)
    if day is not None:
        query = query.where(Sale.day == day)
    total = query.count()
    rows = []
    for s in query.order_by(Sale.number.desc()).limit(limit).offset(offset):
        rows.append((s.id, s.number, s.at.strftime("%Y-%m-%d %H:%M"), s.kind,
                     format_money(s.total, s.currency)))
    return rows, total


def unit_price_of(variant_id: int, currency: str, rates: Rates | None = None) -> int:
    """The price of a variant in dollars or in euros (the events' list)."""
    return unit_price(ProductVariant.get_by_id(variant_id), currency, rates or Rates.current())
