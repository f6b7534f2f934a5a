"""Settings are declared as data, checked all before any is saved, and audited."""

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.core import settings
from hypothesis import given, strategies as st
from pse_desktop import areas
from tests.fixtures.inputs import HOSTILE, refused_cleanly


def test_settings_all_checked_before_any_saved(admin):
    with pytest.raises(ValidationError) as info:
        settings.set_values(admin, {"org_name": "PSE", "khr_per_usd": "4 1OO"})
    assert info.value.field == "Riel per US dollar"
    assert settings.get("org_name") == "Pour un Sourire d'Enfant"
    settings.set_values(admin, {"org_name": "PSE", "khr_per_usd": "4,050"})
    assert settings.get("khr_per_usd") == 4050
    assert settings.get("org_name") == "PSE"


def test_defaults_until_set_and_only_changes_are_saved_and_audited(admin):
    assert settings.get("backup_daily") == 7
    assert settings.get_all()["khr_per_usd"] == 4100
    changed = settings.set_values(admin, {"backup_daily": "12", "khr_per_usd": 4100})
    assert changed == {"backup_daily": 12}
    assert settings.get("backup_daily") == 12 and settings.get_all()["backup_daily"] == 12
    entries = list(AuditEntry.select().where(AuditEntry.entity == "setting"))
    assert [(e.entity_id, e.summary) for e in entries] == [("backup_daily", "Daily backups to keep: 7 -> 12")]
    assert settings.set_values(admin, {"backup_daily": 12}) == {}


def test_bounds_unknown_keys_and_permission(admin, make_user):
    with pytest.raises(ValidationError) as info:
        settings.clean("backup_daily", 0)
    assert info.value.field == "Daily backups to keep"
    with pytest.raises(ValidationError) as info:
        settings.set_values(admin, {"no_such_setting": "1"})
    assert info.value.field == "no_such_setting"
    with pytest.raises(PermissionDenied):
        settings.set_values(make_user("srey", "workshop_manager"), {"backup_daily": 5})
    assert settings.get("backup_daily") == 7


def test_declared_settings_have_help_and_sane_defaults():
    for key, d in settings.SETTINGS.items():
        assert d.key == key and d.help and d.label
        assert settings.clean(key, d.default) == d.default


@given(key=st.sampled_from(["khr_per_usd", "org_name", "backup_daily", "payroll_wage_usual_max_cents",
                            "shop_price_usual_max_cents", "not_a_setting"]), value=HOSTILE)
def test_any_setting_value(admin, key, value):
    areas.load_services()
    labels = [d.label for d in settings.SETTINGS.values()] + ["not_a_setting"]
    refused_cleanly(lambda: settings.set_values(admin, {"org_name": "PSE", key: value}), *labels)
