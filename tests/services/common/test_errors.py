"""The errors a user may be shown carry what the view needs: the field, the action."""

import pytest

from pse_desktop.services.common.errors import (
    ConflictError, NotFound, PermissionDenied, PseError, ValidationError)
from pse_desktop.services.core import places
from pse_desktop.services.core.permissions import Actor


def test_validation_error_names_the_field_and_the_message():
    err = ValidationError("quantity", "Stock would go negative")
    assert err.field == "quantity"
    assert err.message == "Stock would go negative"
    assert str(err) == "quantity: Stock would go negative"


def test_permission_denied_names_the_action_and_the_detail():
    assert str(PermissionDenied("shop.sell")) == "You are not allowed to do this (shop.sell)"
    err = PermissionDenied("shop.sell", "not for this shop")
    assert err.action == "shop.sell"
    assert str(err).endswith(": not for this shop")


def test_every_error_is_a_pse_error_so_views_can_catch_one_kind():
    for cls in (ValidationError, PermissionDenied, NotFound, ConflictError):
        assert issubclass(cls, PseError)


def test_services_raise_them(admin):
    with pytest.raises(PseError) as info:
        places.save_centre(Actor(id=9, username="x", role="shop_staff"), None, "A", "A", "Phnom Penh")
    assert isinstance(info.value, PermissionDenied) and info.value.action == "admin.centres"
    with pytest.raises(ValidationError) as info:
        places.save_centre(admin, None, "", "Name", "Phnom Penh")
    assert info.value.field == "code"
