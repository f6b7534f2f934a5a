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


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(month=HOSTILE, reason=HOSTILE)
def test_any_designation(social, month, reason):
    family = social["families"][0]
    refused_cleanly(lambda: designation.designate(social["worker"], family.id, month, reason, today=TODAY),
                    "from month", "reason")
