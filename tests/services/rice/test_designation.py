"""Tests for pse_desktop.services.rice.designation: suggestions from the priority list."""

from pse_desktop.services.rice import designation
from pse_desktop.services.social import survey
from tests.fixtures.rice import TODAY
from tests.fixtures.social import full_survey, social  # noqa: F401


def test_suggestions_are_the_most_urgent_not_yet_designated(social):
    worker = social["worker"]
    f1, f2, f3 = social["families"]
    survey.save_survey(worker, f1.id, full_survey(), today=TODAY)
    survey.save_survey(worker, f3.id, full_survey(urgent={"no_parent_at_home": True}), today=TODAY)
    assert [r.code for r in designation.suggestions(worker, "2026-11")] == ["F00003", "F00001"]
    designation.designate(worker, f3.id, "2026-11", "no parent at home", today=TODAY)
    assert [r.code for r in designation.suggestions(worker, "2026-11")] == ["F00001"]
    assert [d.family_code for d in designation.designated(worker, "2026-11")] == ["F00003"]


def test_centre_staff_do_not_read_the_reasons_of_any_family(social):
    """Why a family receives rice is the social team's: centre staff (of this centre or another)
    see their centres' lists, not the designations and their reasons."""
    import pytest

    from pse_desktop.services.common.errors import PermissionDenied

    fam = social["families"][2]  # a CBA family
    designation.designate(social["worker"], fam.id, "2026-11", "father drinks, mother sick",
                          today=TODAY)
    for who in ("stm_staff", "cba_staff"):
        with pytest.raises(PermissionDenied):
            designation.history(social[who], fam.id)
        with pytest.raises(PermissionDenied):
            designation.designated(social[who], "2026-11")
    assert [d.reason for d in designation.history(social["worker"], fam.id)] == [
        "father drinks, mother sick"]


def test_two_people_designating_a_family_at_the_same_moment_make_one_designation(
        social, target, monkeypatch):
    """Both check that the family is not designated yet before either saves (they meet at
    ``Designation.create``), from the same month or from two months: the database lets one
    designation in, and the other person hears that someone else did it, nothing saved."""
    from pse_desktop.db.rice import Designation
    from pse_desktop.services.common.errors import ConflictError
    from tests.fixtures.rice import race

    from pse_desktop import i18n

    one, two = social["worker"], social["worker2"]
    monkeypatch.setattr(i18n, "_current", i18n.language())  # restored after the test
    monkeypatch.setattr(i18n, "_translation", i18n._translation)
    for n, (lang, months) in enumerate((("en", ("2026-11", "2026-11")),
                                        ("fr", ("2026-11", "2026-12")))):
        fam = social["families"][n]
        i18n.set_language(lang)  # the loser hears it in their language
        got = race(monkeypatch, Designation, "create",
                   lambda: designation.designate(one, fam.id, months[0], "school", today=TODAY),
                   lambda: designation.designate(two, fam.id, months[1], "debts", today=TODAY))
        refused = [r for r in got if isinstance(r, Exception)]
        assert len(refused) == 1 and isinstance(refused[0], ConflictError), got
        # PostgreSQL: the unique index refuses the second; SQLite: the second writer waited
        # for the first's write lock and found the designation when it checked
        said = {("en", True): "at the same moment", ("en", False): "already receives",
                ("fr", True): "au même moment", ("fr", False): "reçoit déjà"}
        assert fam.code in str(refused[0]), refused
        assert said[lang, target.is_postgres] in str(refused[0]), refused
        assert len(designation.history(one, fam.id)) == 1
    assert Designation.select().count() == 2


def test_two_people_ending_a_designation_at_once_see_each_other(social, monkeypatch):
    """Both read the open designation before either ends it (they meet at
    ``Designation.update``): the second waits for the first and sees its end, as if one had
    come after the other; it never ends it a second time as if it were still open."""
    import datetime as dt

    from pse_desktop.db.core import AuditEntry
    from pse_desktop.db.rice import Designation
    from tests.fixtures.rice import race

    one, two = social["worker"], social["worker2"]
    fam = social["families"][0]
    designation.designate(one, fam.id, "2026-11", "school", today=TODAY)
    got = race(monkeypatch, Designation, "update",
               lambda: designation.end(one, fam.id, "2026-12", "the mother found work"),
               lambda: designation.end(two, fam.id, "2027-01", "they moved away"))
    assert all(r is None or "does not receive rice" in str(r) for r in got), got
    assert Designation.get(Designation.family == fam.id).until_month == dt.date(2026, 12, 1)
    ends = [a.summary for a in AuditEntry.select().where(AuditEntry.action == "end")]
    assert len(ends) == sum(r is None for r in got)
    assert sum("(was open)" in s for s in ends) == 1, ends


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(month=HOSTILE, reason=HOSTILE)
def test_any_designation(social, month, reason):
    family = social["families"][0]
    refused_cleanly(lambda: designation.designate(social["worker"], family.id, month, reason, today=TODAY),
                    "from month", "reason")
