"""Centres and shops: admins add and edit them, codes are unique, every change is audited."""

import pytest

from pse_desktop.db.core import AuditEntry, Centre
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.core import places
from hypothesis import given, strategies as st
from tests.fixtures.inputs import HOSTILE, refused_cleanly


def test_centre_codes_unique_and_validated(admin):
    places.save_centre(admin, None, "stm", "Stung Meanchey", "Phnom Penh")
    assert Centre.get().code == "STM"
    with pytest.raises(ValidationError) as info:
        places.save_centre(admin, None, "STM", "Other", "Phnom Penh")
    assert info.value.field == "code"
    with pytest.raises(ValidationError) as info:
        places.save_centre(admin, None, "NEW", "Other", "Battambang")
    assert info.value.field == "area"
    assert Centre.select().count() == 1

def test_edit_a_centre_and_list_active_ones(admin):
    stm = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    shv = places.save_centre(admin, None, "SHV", "Sihanoukville", "Sihanoukville")
    edited = places.save_centre(admin, shv.id, "SHV", "Sihanoukville town", "Sihanoukville",
                                active=False)
    assert edited.id == shv.id and edited.name == "Sihanoukville town" and not edited.active
    assert [c.code for c in places.list_centres()] == ["SHV", "STM"]
    assert places.list_centres(active_only=True) == [stm]
    last = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (last.action, last.entity, last.entity_id) == ("update", "centre", str(shv.id))
    assert "Sihanoukville town" in last.summary and "active" in last.summary


def test_shops_have_a_country_and_unique_codes(admin):
    fr = places.save_shop(admin, None, "fr1", "Events in France", "Paris", "FR")
    assert (fr.code, fr.country, fr.detail) == ("FR1", "FR", "Paris")
    for kwargs, field in ((dict(code="FR1", country="KH"), "code"),
                          (dict(code="DE1", country="DE"), "country"),
                          (dict(code="PP 1", country="KH"), "code")):
        with pytest.raises(ValidationError) as info:
            places.save_shop(admin, None, kwargs["code"], "Shop", "", kwargs["country"])
        assert info.value.field == field
    assert [s.code for s in places.list_shops()] == ["FR1"]


def test_only_admins_edit_places(make_user):
    staff = make_user("sophea", "social_team")
    with pytest.raises(PermissionDenied):
        places.save_shop(staff, None, "PP1", "Shop", "Phnom Penh")
    assert places.list_shops() == []


@given(field=st.sampled_from(["code", "name", "area"]), value=HOSTILE, shop=st.booleans())
def test_any_centre_or_shop(admin, field, value, shop):
    values = {"code": "STM", "name": "Stung Meanchey", "area": "Phnom Penh"}
    values[field] = value
    save = places.save_shop if shop else places.save_centre
    refused_cleanly(lambda: save(admin, None, values["code"], values["name"], values["area"]),
                    "code", "name", "area", "place", "country")
