"""Settings: any value is saved checked or refused naming the setting; nothing half-saved."""

from hypothesis import given, strategies as st

from pse_desktop import areas
from pse_desktop.services.core import settings
from tests.fixtures.inputs import HOSTILE, refused_cleanly


@given(key=st.sampled_from(["khr_per_usd", "org_name", "backup_count", "payroll_wage_usual_max_cents",
                            "shop_price_usual_max_cents", "not_a_setting"]), value=HOSTILE)
def test_any_setting_value(admin, key, value):
    areas.load_services()
    labels = [d.label for d in settings.SETTINGS.values()] + ["not_a_setting"]
    refused_cleanly(lambda: settings.set_values(admin, {"org_name": "PSE", key: value}), *labels)
