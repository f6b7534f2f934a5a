"""The demo runner: admins only, every area's part in order, progress from 0 to 1, new databases only."""

import datetime as dt

import pytest

from pse_desktop import areas
from pse_desktop.db.core import Centre
from pse_desktop.services.common import demo
from pse_desktop.services.common.errors import ConflictError, PermissionDenied


def test_only_admins_fill_demo_data(make_user):
    with pytest.raises(PermissionDenied):
        demo.run(make_user("dara", "social_team"))
    assert Centre.select().count() == 0


def test_runs_each_area_part_in_order_with_progress(admin, monkeypatch):
    calls = []

    def part(name):
        def add(actor, progress, today):
            progress(name, 0.5)
            calls.append((name, actor.username, today))
            return f"{name} done"
        return add

    fake = [areas.Area(key="a", package="a", label="A", demo="x:a"),
            areas.Area(key="b", package="b", label="B"),
            areas.Area(key="c", package="c", label="C", demo="x:c")]
    models = demo.all_models()  # the real tables: the fake areas have no models of their own
    monkeypatch.setattr(demo, "all_models", lambda: models)
    monkeypatch.setattr(areas, "AREAS", fake)
    monkeypatch.setattr(areas, "resolve", lambda spec: part(spec.rsplit(":", 1)[1]))
    seen = []
    lines = demo.run(admin, lambda m, f: seen.append((m, f)), dt.date(2026, 3, 1))
    assert lines == ["a done", "c done"]
    assert calls == [("a", "admin", dt.date(2026, 3, 1)), ("c", "admin", dt.date(2026, 3, 1))]
    assert seen == [("A...", 0.0), ("a", 0.25), ("C...", 0.5), ("c", 0.75), ("Done", 1.0)]


def test_refuse_if_filled(admin):
    demo.refuse_if_filled(Centre, "centres")
    Centre.create(code="STM", name="Stung Meanchey", area="Phnom Penh")
    with pytest.raises(ConflictError, match="already has centres"):
        demo.refuse_if_filled(Centre, "centres")
