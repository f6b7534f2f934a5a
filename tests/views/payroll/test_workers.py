"""The workers screen: a new worker with her Khmer name, her contract, a raise, a search."""

import datetime as dt

from pse_desktop.services.payroll import workers
from pse_desktop.views.payroll.workers import WorkersScreen
from tests.views.helpers import is_disabled, make_ctx, rows, select_row, show

D = dt.date


def test_new_worker_then_her_contract(tk_root, ui, make_user, target):
    manager = make_user("srey", "workshop_manager")
    screen = show(ui, WorkersScreen, make_ctx(manager, target), tk_root)
    assert is_disabled(screen.add_contract_button)  # no contract before the worker is saved
    screen.form.set_values({"name_latin": "Sok Sophea", "name_khmer": "សុខ សុភា", "hire_date": "2025-01-01"})
    screen.save_button.invoke()
    info = workers.find_by_code(manager, "E001")
    assert info.name_khmer == "សុខ សុភា"
    assert screen.form.values()["code"] == "E001"
    assert [r[0] for r in rows(screen.table.tree)] == ["E001"]
    assert not is_disabled(screen.add_contract_button)
    screen.cform.set_values({"effective_from": "2025-01-01", "basis": "monthly", "rate": "210"})
    screen.add_contract_button.invoke()
    assert workers.get_worker(manager, info.id).contract.rate_cents == 21000
    assert rows(screen.contracts) == [("2025-01-01", "monthly", "$210.00", "yes")]


def test_errors_are_shown_beside_the_fields(tk_root, ui, make_user, target):
    manager = make_user("srey", "workshop_manager")
    screen = show(ui, WorkersScreen, make_ctx(manager, target), tk_root)
    screen.form.set_values({"name_latin": "", "hire_date": "2025-01-01"})
    screen.save_button.invoke()
    assert screen.form.error_text("name_latin")
    screen.form.set_values({"name_latin": "Kim Dara", "hire_date": "1st of May"})
    screen.save_button.invoke()
    assert screen.form.error_text("hire_date") and screen.form.error_text("name_latin") == ""
    assert workers.list_workers(manager) == []
    screen.form.set_values({"hire_date": "2025-05-01"})
    screen.save_button.invoke()
    screen.cform.set_values({"effective_from": "2025-05-01", "basis": "monthly", "rate": "-3"})
    screen.add_contract_button.invoke()
    assert screen.cform.error_text("rate") and not rows(screen.contracts)


def test_choosing_a_worker_loads_her_and_a_raise_adds_a_contract(tk_root, ui, make_user, target):
    manager = make_user("srey", "workshop_manager")
    for name in ("Kim Dara", "Chea Sokha"):
        w = workers.save_worker(manager, None, dict(name_latin=name, job="cutter", hire_date="2025-01-01"))
        workers.add_contract(manager, w.id, "2025-01-01", "monthly", "230")
    screen = show(ui, WorkersScreen, make_ctx(manager, target), tk_root)
    screen.search.set("chea")
    screen.table.show_page(0)
    assert [r[1] for r in rows(screen.table.tree)] == ["Chea Sokha"]
    select_row(tk_root, screen.table.tree, lambda v: v[1] == "Chea Sokha")
    assert screen.form.values()["name_latin"] == "Chea Sokha"
    assert "Chea Sokha" in screen.contract_title.cget("text")
    screen.cform.set_values({"effective_from": "2026-01-01", "basis": "monthly", "rate": "250"})
    screen.add_contract_button.invoke()
    assert [r[0] for r in rows(screen.contracts)] == ["2026-01-01", "2025-01-01"]  # newest first
    chea = workers.find_by_code(manager, screen.form.values()["code"])
    assert len(workers.list_contracts(manager, chea.id)) == 2
