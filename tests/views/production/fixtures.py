"""What the production window tests share: a fixed Monday, a context that records messages,
and the uniform order of the done-when path (shirts for everyone, skirts for girls, at STM)."""

import datetime as dt

import pytest

from pse_desktop.services.production import uniforms as production_uniforms
from pse_desktop.services.production.uniforms import UniformItem
from pse_desktop.views.common.base import ScreenContext
from tests.fixtures.production import workshop  # noqa: F401

TODAY = dt.date(2026, 3, 9)  # a Monday


def make_ctx(admin, target, **kw):
    """A context for ``admin`` on TODAY that says yes and keeps what it was told."""
    told = []
    ctx = ScreenContext(actor=admin, target=target, extra={"today": TODAY},
                        confirm=lambda *a: True, inform=lambda p, t, m: told.append((t, m)), **kw)
    return ctx, told


@pytest.fixture
def uniform_order(admin, workshop):  # noqa: F811
    """The draft order of 9 pieces: 6 shirts (2 x 6, 3 x 8, 1 x 10) and 3 skirts (1 x 6, 2 x 8)."""
    v = workshop["v"]
    items = [UniformItem(v["SHIRT-6"].product_id, "", 1), UniformItem(v["SKIRT-6"].product_id, "F", 1)]
    return production_uniforms.create_uniform_order(admin, workshop["centre"].id, items,
                                                    due=TODAY + dt.timedelta(days=45), on=TODAY)
