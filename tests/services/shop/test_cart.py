"""The point-of-sale cart: plain arithmetic in cents, no database and no window."""

import pytest

from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.shop.cart import Cart, split_quantity
from pse_desktop.services.shop.sales import CartLine

BAG = CartLine(1, "BAG-RED", "Tote bag (red)", 1250, in_stock=3)
SCARF = CartLine(2, "SCF-M", "Krama scarf (M)", 725, in_stock=10)


def test_split_quantity_reads_n_times_code():
    assert split_quantity("3*BAG-RED") == (3, "BAG-RED")
    assert split_quantity(" 2 x 2000000000011 ") == (2, "2000000000011")
    assert split_quantity("BAG-RED ") == (1, "BAG-RED")
    assert split_quantity(None) == (1, "")
    with pytest.raises(ValidationError) as info:
        split_quantity("0*BAG-RED")
    assert info.value.field == "scan"


def test_same_product_adds_to_its_line_and_totals_follow():
    cart = Cart()
    assert cart.add(BAG) == 0 and cart.add(SCARF, 2) == 1 and cart.add(BAG, 2) == 0
    assert [(line.code, line.quantity) for line in cart.lines] == [("BAG-RED", 3), ("SCF-M", 2)]
    assert (cart.items, cart.total) == (5, 3 * 1250 + 2 * 725)
    cart.set_discount(0, 10)  # 10% of $37.50 is $3.75
    assert cart.total == 3750 - 375 + 1450
    cart.set_quantity(1, 0)
    assert [line.code for line in cart.lines] == ["BAG-RED"]
    cart.clear()
    assert (cart.items, cart.total) == (0, 0)


def test_discount_bounds_and_short_stock():
    cart = Cart()
    cart.add(BAG, 4)
    with pytest.raises(ValidationError) as info:
        cart.set_discount(0, 101)
    assert info.value.field == "discount"
    assert cart.lines[0].discount_pct == 0
    assert [line.code for line in cart.short_of_stock()] == ["BAG-RED"]
    cart.set_quantity(0, 3)
    assert cart.short_of_stock() == []
