"""Families: codes, guardians (replaced on each save), search, and the audit of each change."""

import pytest

from pse_desktop.db.centres import Guardian
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.centres import children, families
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from tests.fixtures.centres import centre, family, group, kids  # noqa: F401


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
