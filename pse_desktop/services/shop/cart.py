"""The cart of the point of sale: plain data and arithmetic, no database and no window."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..common.errors import ValidationError
from .sales import CartLine
from ...i18n import _

QTY_RE = re.compile(r"^\s*(\d{1,4})\s*[*xX]\s*(\S+)\s*$")


def split_quantity(text: str) -> tuple[int, str]:
    """Return (quantity, code) from '3*BAG-RED' or '3x2000000000011'; quantity 1 otherwise."""
    m = QTY_RE.match(text or "")
    if m:
        qty = int(m.group(1))
        if qty < 1:
            raise ValidationError("scan", _("the quantity must be at least 1"))
        return qty, m.group(2)
    return 1, (text or "").strip()


@dataclass
class Cart:
    lines: list[CartLine] = field(default_factory=list)

    def add(self, line: CartLine, quantity: int = 1) -> int:
        """Add pieces of a product (to its line if already there); return the line's index."""
        for i, existing in enumerate(self.lines):
            if existing.variant_id == line.variant_id:
                self.lines[i] = replace(existing, quantity=existing.quantity + quantity)
                return i
        self.lines.append(replace(line, quantity=quantity))
        return len(self.lines) - 1

    def set_quantity(self, index: int, quantity: int) -> None:
        if quantity <= 0:
            self.remove(index)
        else:
            self.lines[index] = replace(self.lines[index], quantity=quantity)

    def set_discount(self, index: int, pct: int) -> None:
        if not 0 <= pct <= 100:
            raise ValidationError("discount", _("must be between 0 and 100 %"))
        self.lines[index] = replace(self.lines[index], discount_pct=pct)

    def remove(self, index: int) -> None:
        del self.lines[index]

    def clear(self) -> None:
        self.lines.clear()

    @property
    def items(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    def short_of_stock(self) -> list[CartLine]:
        """Lines asking more than the stock known when they were scanned."""
        return [line for line in self.lines if line.quantity > line.in_stock]
