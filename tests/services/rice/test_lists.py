"""Tests for pse_desktop.services.rice.lists: the month's list from designations and registers,
flagged families decided, the list made final and locked by the database, corrections."""

import pytest
from peewee import IntegrityError

from pse_desktop.db.rice import Correction, Line, MonthList
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.rice import lists
from tests.fixtures.rice import MONTH, rice  # noqa: F401
from tests.fixtures.social import social  # noqa: F401


def test_the_list_has_every_designated_family_with_attendance_and_kg_due(rice):
    info = lists.build(rice["worker"], "2026-10")
    by_code = {ln.family_code: ln for ln in info.lines}
    assert set(by_code) == {"F00001", "F00002", "F00003"}
    # 10 kg a family + 5 kg a child (one child each)
    assert {ln.due_g for ln in info.lines} == {15_000}
    assert (by_code["F00001"].rate, by_code["F00001"].flagged) == (90.0, False)
    assert (by_code["F00002"].rate, by_code["F00002"].flagged) == (50.0, True)
    assert info.to_decide == 1 and info.status == "draft"


def test_a_flagged_family_is_decided_then_the_list_is_final_and_locked(rice):
    worker = rice["worker"]
    info = lists.build(worker, MONTH)
    flagged = next(ln for ln in info.lines if ln.flagged)
    with pytest.raises(ConflictError, match="1 flagged"):
        lists.finalise(worker, MONTH)
    with pytest.raises(ValidationError, match="reason"):
        lists.decide(worker, flagged.id, "reduce", "", "7.5")
    with pytest.raises(ValidationError, match="kilograms"):
        lists.decide(worker, flagged.id, "reduce", "absent often", "15")
    line = lists.decide(worker, flagged.id, "reduce", "absent often; talked with the mother",
                        "7,5")
    assert (line.decision, line.kg_g) == ("reduce", 7_500)
    rebuilt = {ln.id: ln for ln in lists.build(worker, MONTH).lines}
    assert rebuilt[flagged.id].kg_g == 7_500  # a rebuild keeps the decision
    final = lists.finalise(worker, MONTH)
    assert final.status == "final"
    with pytest.raises(ConflictError):
        lists.decide(worker, flagged.id, "give", "changed my mind")
    with pytest.raises(ConflictError):
        lists.build(worker, MONTH)
    # the database itself refuses changes to a final list, on both engines
    with pytest.raises(IntegrityError):
        Line.update(kg_g=1).where(Line.id == flagged.id).execute()
    with pytest.raises(IntegrityError):
        MonthList.update(status="draft").execute()
    with pytest.raises(IntegrityError):
        Line.delete().execute()


def test_corrections_are_new_records(rice):
    worker = rice["worker"]
    info = lists.build(worker, MONTH)
    flagged = next(ln for ln in info.lines if ln.flagged)
    lists.decide(worker, flagged.id, "hold", "never comes to school")
    with pytest.raises(ConflictError, match="draft"):
        lists.correct(worker, flagged.id, "5", "x")
    lists.finalise(worker, MONTH)
    line = lists.correct(worker, flagged.id, "10", "the child was ill: doctor's paper")
    assert (line.kg_g, line.corrected) == (10_000, True)
    assert Line.get_by_id(flagged.id).kg_g == 0  # the line stays as it was
    assert Correction.select().count() == 1
    with pytest.raises(IntegrityError):
        Correction.update(kg_g=1).execute()


def test_who_sees_and_decides(rice):
    info = lists.build(rice["worker"], MONTH)
    stm = lists.get_month(rice["stm_staff"], MONTH)
    assert {ln.centre_code for ln in stm.lines} == {"STM"} and len(stm.lines) == 2
    with pytest.raises(PermissionDenied):
        lists.get_month(rice["stm_staff"], MONTH, rice["centres"]["CBA"].id)
    for who in ("stm_staff", "workshop", "shop"):
        with pytest.raises(PermissionDenied):
            lists.decide(rice[who], info.lines[0].id, "give", "x")
        with pytest.raises(PermissionDenied):
            lists.finalise(rice[who], MONTH)
    for who in ("workshop", "shop"):
        with pytest.raises(PermissionDenied):
            lists.get_month(rice[who], MONTH)


def test_a_decision_while_the_list_is_made_final_is_refused(rice, target):
    """Someone decides a line while the list is being made final: the decision waits for the
    list and is refused (a correction is needed), the final list is what was made final."""
    from tests.services.rice.test_distribution import _while_open

    worker, other = rice["worker"], rice["worker2"]
    info = lists.build(worker, MONTH)
    flagged = next(ln for ln in info.lines if ln.flagged)
    lists.decide(worker, flagged.id, "give", "attendance is improving")
    got = _while_open(lambda: lists.finalise(worker, MONTH),
                      lambda: lists.decide(other, flagged.id, "hold", "no"))
    assert isinstance(got, ConflictError), got
    line = next(ln for ln in lists.get_month(worker, MONTH).lines if ln.id == flagged.id)
    assert line.decision == "give"


def test_two_people_making_a_new_months_list_at_once_both_get_it(rice, monkeypatch):
    """Both find no list for the month before either makes it (they meet at ``_lock_list``):
    the second waits for the first's list and refreshes it, no database error."""
    from tests.fixtures.rice import race

    got = race(monkeypatch, lists, "_lock_list",
               lambda: lists.build(rice["worker"], MONTH),
               lambda: lists.build(rice["worker2"], MONTH))
    assert not any(isinstance(r, Exception) for r in got), got
    assert [len(r.lines) for r in got] == [3, 3]
    assert MonthList.select().count() == 1 and Line.select().count() == 3


def test_the_lists_messages_follow_the_language(rice):
    from pse_desktop import i18n

    worker = rice["worker"]
    info = lists.build(worker, MONTH)
    flagged = next(ln for ln in info.lines if ln.flagged)
    i18n.set_language("fr")
    try:
        with pytest.raises(ConflictError) as waiting:
            lists.finalise(worker, MONTH)
        assert str(waiting.value) == "1 famille signalée attend encore une décision."
        with pytest.raises(ValidationError) as kilos:
            lists.decide(worker, flagged.id, "reduce", "absent souvent", "15")
        assert kilos.value.message == "doit être supérieur à 0 et inférieur à 15 kg"
        i18n.set_language("km")
        with pytest.raises(ConflictError) as waiting_km:
            lists.finalise(worker, MONTH)
        assert str(waiting_km.value) == "គ្រួសារដែលបានសម្គាល់ចំនួន 1 នៅតែត្រូវការការសម្រេច។"
    finally:
        i18n.set_language("en")


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(decision=st.one_of(st.sampled_from(["give", "reduce", "hold"]), HOSTILE), reason=HOSTILE,
       kg_text=HOSTILE)
def test_any_decision(rice, decision, reason, kg_text):
    worker = rice["worker"]
    if not lists.get_month(worker, MONTH).lines:
        lists.build(worker, MONTH)
    flagged = next(ln for ln in lists.get_month(worker, MONTH).lines if ln.flagged)
    refused_cleanly(lambda: lists.decide(worker, flagged.id, decision, reason, kg_text),
                    "decision", "reason", "kilograms")
