import datetime as dt

import peewee
import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.services.core import audit, places, settings


def test_every_write_is_audited_with_who_and_a_readable_summary(admin):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    centre = places.list_centres()[0]
    places.save_centre(admin, centre.id, "STM", "Stung Mean Chey", "Phnom Penh")
    settings.set_values(admin, {"khr_per_usd": 4050})
    rows = audit.list_entries(admin, area="core").rows
    summaries = [r.summary for r in rows]
    assert any("name: 'Stung Meanchey' -> 'Stung Mean Chey'" in s for s in summaries)
    assert any("Riel per US dollar: 4100 -> 4050" in s for s in summaries)
    assert all(r.username == "admin" for r in rows)


def test_audit_log_is_append_only(admin):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        AuditEntry.update(summary="hidden").execute()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        AuditEntry.delete().execute()


def test_filters_and_pages(admin, make_user):
    for i in range(7):
        places.save_centre(admin, None, f"C{i}", f"Centre {i}", "Phnom Penh")
    make_user("dara", "social_team")
    total = audit.list_entries(admin).total
    page = audit.list_entries(admin, page=1, page_size=3)
    assert len(page.rows) == 3 and page.total == total
    assert {r.username for r in audit.list_entries(admin, username="dara").rows} == {"dara"}
    today = dt.date.today()
    assert audit.list_entries(admin, date_from=today, date_to=today).total == total
    assert audit.list_entries(admin, date_to=today - dt.timedelta(days=1)).total == 0


def test_internal_writers_refuse_outside_a_service_transaction(admin):
    """audit.record and the stock ledgers' writers check nothing: only a service, inside its own
    transaction after its own check, may call them."""
    import datetime as _dt

    from pse_desktop.db import database
    from pse_desktop.db.core import AuditEntry as _Entry
    from pse_desktop.services.common.errors import PermissionDenied as _Denied
    from pse_desktop.services.production import materials
    from pse_desktop.services.shop import stock

    before = _Entry.select().count()
    calls = [lambda: audit.record(admin, "core", "forge", "user", 1, "forged"),
             lambda: stock.post_move(admin, 1, 1, 5, "receive", _dt.date.today()),
             lambda: materials.post_move(admin, None, 5, "receive", _dt.date.today())]
    for call in calls:
        with pytest.raises(_Denied, match="internal"):
            call()
    assert _Entry.select().count() == before
    with database.atomic():  # a service's own transaction
        audit.record(admin, "core", "test", "user", 1, "inside")
    assert _Entry.select().count() == before + 1


def test_every_action_the_services_log_has_a_label_in_every_language():
    """The log's action column reads in the user's language: every action code written as a
    literal by a service is listed in audit.ACTIONS, and each label is translated."""
    import ast
    from pathlib import Path

    from pse_desktop import i18n
    from pse_desktop.services.core import audit as audit_service

    services = Path(audit_service.__file__).resolve().parents[1]
    found = {}
    for path in services.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "record" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "audit" and len(node.args) >= 3):
                for value in ast.walk(node.args[2]):  # "create", or 'approve' if ... else 'refuse'
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        found.setdefault(value.value, f"{path.name}:{node.lineno}")
    assert len(found) > 40
    missing = sorted(f"{a} ({where})" for a, where in found.items() if a not in audit_service.ACTIONS)
    assert not missing, f"actions without a label in services/core/audit.py: {missing}"
    for lang in ("fr", "km"):
        untranslated = [label for label in audit_service.ACTIONS.values()
                        if i18n.gettext_in(lang, label) == label and label not in {"export", "import", "notes"}]
        assert not untranslated, f"{lang}: {untranslated}"
    i18n.set_language("km")
    try:
        assert audit_service.action_label("close_day") == i18n._("close day") != "close day"
        assert audit_service.action_label("no_such_code") == "no_such_code"
    finally:
        i18n.set_language("en")
