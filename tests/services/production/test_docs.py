"""Production documents as data: the work order, the delivery note, the month's output, the
export, and the home cards."""

import csv
import datetime as dt

import pytest

from pse_desktop.services.common.errors import NotFound, PermissionDenied, ValidationError
from pse_desktop.services.production import (
    docs as production_docs, orders as production, output as production_output,
    states as production_states,
)
from pse_desktop.services.production.output import OutputEntry
from tests.fixtures.production import TODAY, order_of, workshop  # noqa: F401


@pytest.fixture
def made(admin, workshop):
    """An order of 5 navy skirts (size 8), confirmed; 3 sewn by E002 and 1 by E001 in March."""
    o, vid = order_of(admin, workshop)
    production_states.confirm(admin, o.id)
    ws = workshop["workers"]
    production_output.record_output(admin, o.id, [OutputEntry(TODAY, ws["E002"].id, vid, 3),
                                                  OutputEntry(TODAY, ws["E001"].id, vid, 1)], today=TODAY)
    return o


def test_work_order_lists_lines_and_material_needs(admin, made):
    doc = production_docs.work_order(admin, made.id, today=TODAY)
    assert (doc.no, doc.customer, doc.printed) == ("PO-00001", "Friends of PSE", TODAY)
    assert doc.lines == (("SKIRT-8", "School skirt (8, navy)", 5, 4, 1),)
    # still needed for the 1 skirt left: 0.75 m + 10% = 0.825 m; 20 m received, 4 x 0.825 used
    assert doc.materials == (("FAB-NAVY", "Cotton twill (navy)", "0.825 m", "16.7 m", ""),)


def test_delivery_note_shows_every_line_and_what_is_left(admin, made):
    line = production.get_order(admin, made.id).lines[0]
    d = production_output.deliver(admin, made.id, {line.id: 4}, note="first four", today=TODAY)
    note = production_docs.delivery_note(admin, d.id)
    assert (note.no, note.order_no, note.pieces, note.destination) == ("DN-00001", "PO-00001", 4,
                                                                        "Friends of PSE")
    assert note.lines == (("SKIRT-8", "School skirt (8, navy)", 5, 4, 4, 1),)
    with pytest.raises(NotFound):
        production_docs.delivery_note(admin, 9999)


def test_monthly_output_and_export(admin, made, tmp_path, make_user):
    month = production_docs.monthly_output(admin, "2026-03")
    assert month.by_worker == (("E002", "Lim Bopha", 3), ("E001", "Chea Sokha", 1))
    assert month.by_product == (("SKIRT", "School skirt", 4),) and month.total == 4
    assert production_docs.monthly_output(admin, "2026-02").total == 0
    assert production_docs.export_output(admin, TODAY, TODAY, tmp_path / "out.csv") == 2
    with open(tmp_path / "out.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == production_docs.HEADER
    assert rows[1][:4] == ["2026-03-09", "PO-00001", "Friends of PSE", "E002"] and rows[1][7:9] == ["3", "0.30"]
    with pytest.raises(ValidationError) as err:
        production_docs.output_table(admin, TODAY, TODAY - dt.timedelta(days=1))
    assert err.value.field == "to"
    with pytest.raises(PermissionDenied):
        production_docs.monthly_output(make_user("dara", "social_team"), "2026-03")


def test_home_cards_overdue_due_soon_and_low_materials(admin, workshop, target, make_user):
    today = dt.date.today()
    v = workshop["v"]
    late = production.create_order(admin, kind="handicraft", customer_kind="outside", customer="Late",
                                   due=today - dt.timedelta(days=2), lines=[(v["SKIRT-8"].id, 1)])
    production.create_order(admin, kind="handicraft", customer_kind="outside", customer="Soon",
                            due=today + dt.timedelta(days=1), lines=[(v["SKIRT-8"].id, 1)])
    cards = {c.title: c for c in production_docs.home_cards(admin, target)}
    assert cards["Overdue production orders"].lines == (
        f"{late.no} Late: due {late.due:%b} {late.due.day}, {late.due.year}, 0/1 made",)
    assert cards["Production due soon"].lines[0].startswith("PO-00002 Soon: due")
    assert any(line.startswith("FAB-WHITE") for line in cards["Materials low"].lines)
    assert production_docs.home_cards(make_user("dara", "social_team"), target) == []
