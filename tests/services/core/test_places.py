"""Centres and shops: any code, name or place is saved clean or refused naming the field, and
the database is as before when refused (property test)."""

from hypothesis import given, strategies as st

from pse_desktop.services.core import places
from tests.fixtures.inputs import HOSTILE, refused_cleanly


@given(field=st.sampled_from(["code", "name", "area"]), value=HOSTILE, shop=st.booleans())
def test_any_centre_or_shop(admin, field, value, shop):
    values = {"code": "STM", "name": "Stung Meanchey", "area": "Phnom Penh"}
    values[field] = value
    save = places.save_shop if shop else places.save_centre
    refused_cleanly(lambda: save(admin, None, values["code"], values["name"], values["area"]),
                    "code", "name", "area", "place", "country")
