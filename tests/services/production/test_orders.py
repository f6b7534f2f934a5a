"""The issue's 'done when' path, through the services: a uniform order from a centre's sizes,
fabric short, fabric received, a week of output by two workers, a partial delivery and its
delivery note; and the guard against more pieces than asked without a reason."""

import datetime as dt

import pytest

from pse_desktop.db.payroll import PieceOutput
from pse_desktop.db.production import MaterialMove, Output
from pse_desktop.reports.production import documents as reports
from pse_desktop.services.production import (
    states as production_states, materials, orders as production, docs as production_docs,
    output as production_output, uniforms as production_uniforms,
)
from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.production.output import OutputEntry
from pse_desktop.services.production.uniforms import UniformItem

from tests.fixtures.pdf import pdf_text
from tests.fixtures.production import workshop  # noqa: F401

MONDAY = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 3, 9)


def test_uniform_order_from_sizes_to_partial_delivery(admin, workshop, tmp_path):
    v, m, ws = workshop["v"], workshop["m"], workshop["workers"]
    shirt, skirt = v["SHIRT-6"].product_id, v["SKIRT-6"].product_id
    items = [UniformItem(shirt), UniformItem(skirt, "F")]

    # 1. The size matrix of Stung Meanchey: 6 children enrolled (the one who left and the other
    #    centre's child are not counted); shirts for all, skirts for the 3 girls.
    matrix = production_uniforms.size_matrix(admin, workshop["centre"].id, items)
    assert matrix.children == 6 and matrix.sizes == ("6", "8", "10")
    assert matrix.rows[0].counts == {"6": 2, "8": 3, "10": 1}
    assert matrix.rows[1].counts == {"6": 1, "8": 2, "10": 0}
    order = production_uniforms.create_uniform_order(admin, workshop["centre"].id, items,
                                                     due=dt.date(2026, 3, 31))
    assert order.state == "draft" and order.customer == "Stung Meanchey (STM)"
    assert {ln.code: ln.quantity for ln in order.lines} == {
        "SHIRT-6": 2, "SHIRT-8": 3, "SHIRT-10": 1, "SKIRT-6": 1, "SKIRT-8": 2}

    # 2. Confirm: white fabric is short. Shirts: 2 x 0.9 m + 3 x 1.0 m + 1 x 1.1 m = 5.9 m,
    #    + 10% waste = 6.49 m, none in stock. Skirts: 3 x 0.75 m + 10% = 2.475 m of 20 m: fine.
    req = production_states.confirm(admin, order.id)
    needs = {n.code: (n.needed_milli, n.stock_milli) for n in req.needs}
    assert needs == {"FAB-WHITE": (6490, 0), "FAB-NAVY": (2475, 20000), "BTN-12": (36000, 500000)}
    assert [(n.code, n.short_milli) for n in req.shortages] == [("FAB-WHITE", 6490)]

    # 3. Receive 10 m of white fabric: no shortage left.
    materials.receive(admin, m["white"].id, "10", note="Bought at Orussey market")
    assert production_states.requirements(order.id).shortages == ()

    # 4. A week of output by two workers (Monday to Saturday).
    e1, e2 = ws["E001"].id, ws["E002"].id
    week = [OutputEntry(MONDAY, e1, v["SHIRT-6"].id, 2), OutputEntry(MONDAY, e2, v["SKIRT-6"].id, 1),
            OutputEntry(MONDAY + dt.timedelta(1), e1, v["SHIRT-8"].id, 2),
            OutputEntry(MONDAY + dt.timedelta(2), e1, v["SHIRT-8"].id, 1),
            OutputEntry(MONDAY + dt.timedelta(3), e2, v["SKIRT-8"].id, 1),
            OutputEntry(MONDAY + dt.timedelta(5), e1, v["SHIRT-10"].id, 1)]
    production_output.record_output(admin, order.id, week, today=TODAY)
    order = production.get_order(admin, order.id)
    assert order.state == "in_progress" and (order.made, order.quantity) == (8, 9)
    # Fabric used: the whole 6.49 m of white (10 - 6.49 = 3.51 m left); 36 buttons; navy
    # 2 skirts x 0.75 m x 1.1 = 1.65 m (20 - 1.65 = 18.35 m).
    assert materials.get_material(m["white"].id).stock_milli == 3510
    assert materials.get_material(m["button"].id).stock_milli == 464000
    assert materials.get_material(m["navy"].id).stock_milli == 18350
    assert materials.ledger_mismatches() == []
    # Pay counts the pieces: 6 payroll rows from production at the variants' piece rates.
    pieces = list(PieceOutput.select().order_by(PieceOutput.id))
    assert [(p.worker_id, p.pieces, p.piece_rate_cents, p.source) for p in pieces][:2] == [
        (e1, 2, 40, "production"), (e2, 1, 30, "production")]
    assert sum(p.pieces for p in pieces if p.worker_id == e1) == 6
    assert sum(p.pieces for p in pieces if p.worker_id == e2) == 2

    # 5. More than the order asks is refused without a reason, and nothing is written.
    before = (Output.select().count(), MaterialMove.select().count(), PieceOutput.select().count())
    with pytest.raises(ValidationError) as exc:
        production_output.record_output(admin, order.id, [OutputEntry(TODAY, e2, v["SKIRT-8"].id, 2)],
                                        today=TODAY)
    assert exc.value.field == "pieces" and "only 1 more" in exc.value.message
    assert (Output.select().count(), MaterialMove.select().count(),
            PieceOutput.select().count()) == before

    # 6. Deliver what is ready (all the shirts, the size 6 skirt); the rest stays open.
    lines = {ln.code: ln for ln in order.lines}
    with pytest.raises(ValidationError):
        production_output.deliver(admin, order.id, {lines["SKIRT-8"].id: 2}, today=TODAY)
    d = production_output.deliver(admin, order.id, {lines["SHIRT-6"].id: 2, lines["SHIRT-8"].id: 3,
                                                    lines["SHIRT-10"].id: 1, lines["SKIRT-6"].id: 1},
                                  day=TODAY, note="First half", today=TODAY)
    assert d.no == "DN-00001" and d.pieces == 7 and d.state_after == "in_progress"
    order = production.get_order(admin, order.id)
    assert {ln.code: ln.ready for ln in order.lines}["SKIRT-8"] == 1

    # 7. Print the delivery note; the figures read back from the PDF.
    out = reports.render_delivery_note(production_docs.delivery_note(admin, d.id),
                                       tmp_path / "dn.pdf")
    text = pdf_text(out)
    assert "Delivery note DN-00001" in text and "PO-00001" in text
    row = next(line for line in text.splitlines() if "SKIRT-8" in line).split()
    assert row[-4:] == ["2", "0", "0", "2"]  # ordered, this delivery, to date, still to come
    row = next(line for line in text.splitlines() if "SHIRT-8" in line).split()
    assert row[-4:] == ["3", "3", "3", "0"]
    assert "Total" in text and " 7 " in next(line for line in text.splitlines() if "Total" in line)

    # 8. The hand-out list: one row per child, shirts for all six, a skirt for Sreyneang.
    handout = production_uniforms.handout(admin, d.id)
    rows = {r.child_code: r.items for c in handout.centres for r in c.rows}
    assert len(rows) == 6 and rows["STM-001"] == "School shirt 6, School skirt 6"
    pdf = pdf_text(reports.render_handout(handout, tmp_path / "handout.pdf"))
    assert "Sok Sreyneang" in pdf and "Signature" in pdf

    # 9. The last skirt, then the order is done and, once delivered, closed.
    production_output.record_output(admin, order.id, [OutputEntry(TODAY, e2, v["SKIRT-8"].id, 1)],
                                    today=TODAY)
    assert production.get_order(admin, order.id).state == "done"
    d2 = production_output.deliver(admin, order.id, {lines["SKIRT-8"].id: 2}, today=TODAY)
    assert d2.state_after == "delivered"
    second = {r.child_code for c in production_uniforms.handout(admin, d2.id).centres for r in c.rows}
    assert second == {"STM-003", "STM-005"}  # the two girls in size 8, nobody twice


# ------------------------------------------------------------------ any input (properties)
import unicodedata  # noqa: E402

from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import (  # noqa: E402
    GOOD_TEXT, LANGUAGES, TYPED, in_language, refused_cleanly, typed_whole,
)

HEADER_FIELDS = ("kind", "customer kind", "customer", "due", "priority", "notes", "location", "quantity",
                 "product")


@given(customer=TYPED, due=TYPED, priority=TYPED, notes=TYPED, qty=TYPED, lang=LANGUAGES)
def test_any_order_typed(admin, workshop, customer, due, priority, notes, qty, lang):
    with in_language(lang):
        vid = workshop["v"]["SKIRT-8"].id
        made = refused_cleanly(lambda: production.create_order(
            admin, kind="handicraft", customer_kind="outside", customer=customer, due=due, priority=priority,
            notes=notes, lines=[(vid, qty)]), *HEADER_FIELDS)
        if made is not None:
            refused_cleanly(lambda: production.update_order(
                admin, made.id, kind="handicraft", customer_kind="outside", customer=notes, due=due,
                priority=qty, notes=customer), *HEADER_FIELDS)
            refused_cleanly(lambda: production.set_lines(admin, made.id, [(vid, customer)]), *HEADER_FIELDS)


@given(customer=GOOD_TEXT, notes=st.one_of(st.just(""), GOOD_TEXT), typed=typed_whole(1, 100_000),
       due=st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)), priority=st.sampled_from(["1", "2", "3", "៣"]),
       lang=LANGUAGES)
def test_a_typed_order_reads_back_as_meant(admin, workshop, customer, notes, typed, due, priority, lang):
    with in_language(lang):
        vid = workshop["v"]["SKIRT-8"].id
        n, text = typed
        made = production.create_order(admin, kind="handicraft", customer_kind="outside", customer=customer,
                                        due=due.isoformat(), priority=priority, notes=notes, lines=[(vid, text)])
        o = production.get_order(admin, made.id)
        assert (o.customer, o.notes, o.due, o.priority, [ln.quantity for ln in o.lines]) == (
            unicodedata.normalize("NFC", customer).strip(), unicodedata.normalize("NFC", notes).strip(), due,
            int(priority.translate(str.maketrans("០១២៣", "0123"))), [n])
