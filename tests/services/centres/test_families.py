"""Families: codes, guardians (replaced on each save), search, the audit of each change; families
follow their children: centre staff see and edit only the families of their centres."""

import datetime as dt

import pytest

from pse_desktop.db.centres import Guardian
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.centres import children, families, groups
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.core import places, users
from pse_desktop.services.meetings import followup, planning
from tests.fixtures.centres import centre, family, group, kids  # noqa: F401

TODAY = dt.date.today()


@pytest.fixture
def two_centres(admin):
    stm = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    cba = places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    out = {}
    for centre, code in ((stm, "F00001"), (cba, "F00002")):
        fam = families.save_family(admin, None, code, village=centre.name, phone="012 000 000",
                                   guardians=[{"name_latin": f"Mother {code}"}])
        group = groups.save_group(admin, None, centre.id, "Sun", "daycare")
        children.save_child(admin, None, dict(
            code=f"{centre.code}-0001", name_latin=f"Child {code}", sex="F",
            birth_date=dt.date(TODAY.year - 4, 3, 1), family_id=fam.id, centre_id=centre.id,
            programme="daycare", enrolled_on=dt.date(TODAY.year - 1, 1, 5)), group_id=group.id)
        out[centre.code] = (centre, fam)
    return out


def test_centre_staff_see_and_edit_only_their_families(admin, make_user, two_centres):
    staff = make_user("sreymom", "centre_staff", centres=["STM"])
    mine, theirs = two_centres["STM"][1], two_centres["CBA"][1]
    assert [f.code for f in families.find_families(staff)] == ["F00001"]
    assert families.get_family(staff, mine.id).code == "F00001"
    calls = [
        lambda: families.get_family(staff, theirs.id),
        lambda: families.family_by_code(staff, "F00002"),
        lambda: families.save_family(staff, theirs.id, "F00002", address="changed"),
        lambda: planning.family_by_code(staff, "F00002"),
        lambda: followup.family_page(staff, theirs.id),
        lambda: followup.add_followup(staff, theirs.id, "visit"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert families.get_family(admin, theirs.id).address == ""
    assert [f.code for f in planning.family_summaries(staff, [mine.id, theirs.id])] == ["F00001"]
    # the social team follows families across all centres
    social = make_user("dara", "social_team")
    assert [f.code for f in families.find_families(social)] == ["F00001", "F00002"]


def test_a_new_family_without_children_can_be_registered(admin, make_user, two_centres):
    staff = make_user("sreymom", "centre_staff", centres=["STM"])
    new = families.save_family(staff, None, "F00003", village="Stung Meanchey")
    assert families.family_by_code(staff, "F00003").id == new.id


def test_joining_a_child_to_another_centres_family_is_refused(admin, make_user, two_centres):
    staff = make_user("sreymom", "centre_staff", centres=["STM"])
    stm, theirs = two_centres["STM"][0], two_centres["CBA"][1]
    with pytest.raises(PermissionDenied):
        children.save_child(staff, None, dict(
            code="STM-0009", name_latin="Someone", sex="F", birth_date=dt.date(TODAY.year - 4, 1, 1),
            family_id=theirs.id, centre_id=stm.id, programme="daycare",
            enrolled_on=dt.date(TODAY.year - 1, 1, 5)))


def test_a_centre_taken_away_takes_effect_at_the_next_call(admin, make_user, two_centres):
    staff = make_user("sreymom", "centre_staff", centres=["STM", "CBA"])
    assert len(families.find_families(staff)) == 2
    users.update_user(admin, staff.id, "Sreymom", "centre_staff", ["STM"])
    assert [f.code for f in families.find_families(staff)] == ["F00001"]
    users.set_active(admin, staff.id, False)
    with pytest.raises(PermissionDenied, match="deactivated"):
        families.find_families(staff)


def test_family_with_guardian_and_siblings(admin, family, kids):
    info = families.get_family(admin, family.id)
    assert info.guardians[0].name_km == "សុខ សុភា"
    assert len(info.child_ids) == 3
    assert info.contact == "012 345 678"
    assert [f.code for f in families.find_families(admin, "sophea")] == ["F00001"]
    assert [c.code for c in children.list_children(admin, family_id=family.id)] == [
        "STM-0002", "STM-0001", "STM-0003"]


def test_family_code_clash_names_the_field(admin, family):
    with pytest.raises(ValidationError) as err:
        families.save_family(admin, None, "f00001")
    assert err.value.field == "family code"


def test_edit_replaces_guardians_and_audits_the_changes(admin, family):
    families.save_family(admin, family.id, "F00001", village="Chbar Ampov", phone="012 345 678",
                         guardians=[{"name_latin": "Sok Sophea", "relation": "mother"},
                                    {"name_latin": "", "name_km": "", "phone": ""},  # blank row
                                    {"name_latin": "Chan Dara", "relation": "grandmother",
                                     "phone": "011 222 333"}])
    info = families.get_family(admin, family.id)
    assert [(g.name_latin, g.relation) for g in info.guardians] == [("Sok Sophea", "mother"),
                                                                   ("Chan Dara", "grandmother")]
    assert Guardian.select().count() == 2
    entry = AuditEntry.select().where(AuditEntry.entity == "family").order_by(AuditEntry.id.desc()).get()
    assert entry.action == "update"
    assert entry.summary == "village: 'Stung Meanchey' -> 'Chbar Ampov'"


def test_guardian_rows_are_checked_and_named_by_their_number(admin):
    with pytest.raises(ValidationError) as err:
        families.save_family(admin, None, "F00002", guardians=[
            {"name_latin": "Ok", "relation": "mother"}, {"phone": "012", "relation": "mother"}])
    assert err.value.field == "guardian 2 name"
    with pytest.raises(ValidationError) as err:
        families.save_family(admin, None, "F00002", guardians=[{"name_latin": "X", "relation": "boss"}])
    assert err.value.field == "guardian 1 relation"
    assert families.find_families(admin) == []


def test_next_code_lookup_by_code_and_permissions(admin, family, make_user):
    assert families.next_family_code() == "F00002"
    assert families.family_by_code(admin, " f00001 ").id == family.id
    with pytest.raises(ValidationError) as err:
        families.family_by_code(admin, "F09999")
    assert err.value.field == "family"
    with pytest.raises(PermissionDenied):
        families.save_family(make_user("srey", "workshop_manager"), None, "F00002")
    assert families.next_family_code() == "F00002"


# ------------------------------------------------------------------ any input (properties)
import unicodedata  # noqa: E402

from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import GOOD_TEXT, LANGUAGES, TYPED, in_language, refused_cleanly  # noqa: E402

FAMILY_FIELDS = ("family code", "village", "address", "phone", "notes", "guardian 1 name",
                 "guardian 1 Khmer name", "guardian 1 relation", "guardian 1 phone")


@given(code=TYPED, village=TYPED, address=TYPED, phone=TYPED, notes=TYPED, g_name=TYPED, g_km=TYPED,
       g_rel=TYPED, g_phone=TYPED, lang=LANGUAGES)
def test_any_family_typed(admin, family, code, village, address, phone, notes, g_name, g_km, g_rel, g_phone,
                          lang):
    with in_language(lang):
        guardians = [{"name_latin": g_name, "name_km": g_km, "relation": g_rel, "phone": g_phone}]
        refused_cleanly(lambda: families.save_family(admin, None, code, village=village, address=address, phone=phone,
                                                     notes=notes, guardians=guardians), *FAMILY_FIELDS)
        # editing a family on file: a refused edit keeps its guardians (they are replaced on save)
        refused_cleanly(lambda: families.save_family(admin, family.id, family.code, village=village, address=address,
                                                     phone=phone, notes=notes, guardians=guardians), *FAMILY_FIELDS)


def nfc(text):
    return unicodedata.normalize("NFC", text).strip()


@given(code=st.from_regex(r"F[0-9A-Z]{1,8}", fullmatch=True), village=GOOD_TEXT,
       phone=st.sampled_from(["", "012 345 678", "+855 12 345 678", "=1+2", "០១២ ៣៤៥ ៦៧៨"]),
       notes=st.one_of(st.just(""), GOOD_TEXT), g_name=GOOD_TEXT, lang=LANGUAGES)
def test_a_typed_family_reads_back_as_meant(admin, code, village, phone, notes, g_name, lang):
    with in_language(lang):
        try:
            f = families.save_family(admin, None, code.lower(), village=village, phone=phone, notes=notes,
                                     guardians=[{"name_latin": g_name, "phone": phone}])
        except ValidationError as err:  # the same code drawn twice
            assert err.field == "family code" and families.family_by_code(admin, code).code == code
            return
        again = families.get_family(admin, f.id)
        assert (again.code, again.village, again.phone, again.notes) == (code, nfc(village), nfc(phone), nfc(notes))
        assert [(g.name_latin, g.relation, g.phone) for g in again.guardians] == [(nfc(g_name), "mother", nfc(phone))]
