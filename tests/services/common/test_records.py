"""The create-or-edit step: duplicate check, save, and an audit entry of what changed."""

import pytest

from pse_desktop.db import database
from pse_desktop.db.core import AuditEntry, Centre
from pse_desktop.services.common.errors import NotFound, ValidationError
from pse_desktop.services.common.records import refuse_duplicate, save_row

VALUES = {"code": "STM", "name": "Stung Meanchey", "area": "Phnom Penh", "active": True}


def test_create_then_edit_audits_the_changed_fields(admin):
    with database.atomic():
        row = save_row(admin, Centre, None, VALUES, area="core", entity="centre",
                       created="centre STM")
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (entry.action, entry.entity, entry.entity_id, entry.summary) == (
        "create", "centre", str(row.id), "centre STM")
    with database.atomic():
        save_row(admin, Centre, row.id, {**VALUES, "name": "Stung Mean Chey"}, area="core",
                 entity="centre", created="", update_prefix="edit: ")
    assert Centre.get_by_id(row.id).name == "Stung Mean Chey"
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "update"
    assert entry.summary == "edit: name: 'Stung Meanchey' -> 'Stung Mean Chey'"
    assert entry.username == "admin"


def test_duplicate_names_the_field_but_a_row_may_keep_its_own_value(admin):
    row = Centre.create(**VALUES)
    refuse_duplicate(Centre, "code", "STM", row.id, "centre")
    with pytest.raises(ValidationError) as info:
        refuse_duplicate(Centre, "code", "STM", None, "centre")
    assert info.value.field == "code"
    assert "another centre" in info.value.message


def test_editing_a_missing_row_is_not_found_and_writes_nothing(admin):
    before = AuditEntry.select().count()
    with pytest.raises(NotFound), database.atomic():
        save_row(admin, Centre, 999, VALUES, area="core", entity="centre", created="")
    assert AuditEntry.select().count() == before
    assert Centre.select().count() == 0
