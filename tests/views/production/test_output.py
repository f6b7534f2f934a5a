"""The output screen: a week's grid of pieces per worker and day, refused when more than asked."""

import datetime as dt

import pytest

from pse_desktop.services.production import materials, states as production_states
from pse_desktop.views.common.base import FAILED
from pse_desktop.views.production.output import OutputScreen
from tests.views.helpers import is_disabled, rows
from tests.views.production.fixtures import TODAY, make_ctx, uniform_order, workshop  # noqa: F401


@pytest.fixture
def confirmed(admin, workshop, uniform_order):  # noqa: F811
    production_states.confirm(admin, uniform_order.id)
    materials.receive(admin, workshop["m"]["white"].id, "10")
    return uniform_order


def _output(tk_root, ui, admin, target, order):
    ctx, told = make_ctx(admin, target)
    out = OutputScreen(ui, ctx)
    out.pack(fill="both", expand=True)
    out.on_show()
    out.select_order(order.id)
    tk_root.update()
    return out


def test_last_week_typed_into_the_grid(tk_root, ui, admin, target, workshop, confirmed):  # noqa: F811
    out = _output(tk_root, ui, admin, target, confirmed)
    out.move_week(-7)
    codes = [ln.code for ln in out.order.lines]
    e1, e2 = workshop["workers"]["E001"].id, workshop["workers"]["E002"].id
    monday = dt.date(2026, 3, 2)
    out.line_box.current(codes.index("SHIRT-8"))
    out.set_cell(e1, monday, 2)
    out.set_cell(e2, monday + dt.timedelta(2), 1)
    saved = out.save()
    assert saved is not FAILED, out.form.banner.cget("text") or out.form.error_text("pieces")
    assert len(saved) == 2
    # More than asked (3 made of 3, 1 more) is refused, shown beside the field, nothing kept.
    out.line_box.current(codes.index("SHIRT-8"))
    out.set_cell(e2, monday + dt.timedelta(3), 1)
    assert out.save() is not None and "only 0 more" in out.form.error_text("pieces")
    out.set_cell(e2, monday + dt.timedelta(3), "")
    out.line_box.current(codes.index("SKIRT-8"))
    out.set_cell(e2, monday + dt.timedelta(4), 2)
    out.save()
    assert len(out.recorded.get_children()) == 3


def test_days_after_today_are_closed_and_output_is_taken_back(tk_root, ui, admin, target,  # noqa: F811
                                                             workshop, confirmed):
    out = _output(tk_root, ui, admin, target, confirmed)
    tuesday = TODAY + dt.timedelta(days=1)
    r = next(i for i, w in enumerate(out.workers, start=1) if w.code == "E001")
    assert is_disabled(out.cells[(r, (tuesday - TODAY).days + 1)])  # the week starts on TODAY
    out.line_box.current([ln.code for ln in out.order.lines].index("SKIRT-6"))
    out.set_cell(workshop["workers"]["E001"].id, TODAY, 1)
    out.save()
    assert len(rows(out.recorded)) == 1
    out.correct()
    assert "Select a row first" in out.fix_error.cget("text")
    out.recorded.selection_set(out.recorded.get_children()[0])
    out.fix_reason.insert(0, "counted twice")
    out.correct()
    assert out.fix_error.cget("text") == ""
    shown = sorted((r[3], r[4].strip()) for r in rows(out.recorded))
    assert shown == [("-1", "counted twice"), ("1", "(taken back)")]
    from pse_desktop.services.production import orders as production

    skirt6 = next(ln for ln in production.get_order(admin, confirmed.id).lines if ln.code == "SKIRT-6")
    assert skirt6.made == 0
