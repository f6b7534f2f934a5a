"""The events screen: create an event and its box, send stock, reconcile what came back."""

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.services.shop import events as shop_events, stock
from tests.views.helpers import main_window, pump, rows, select_row


def _events_screen(tk_root, ui, admin, target, **overrides):
    screen = main_window(ui, admin, target, **overrides).show("shop_events")
    pump(tk_root)
    return screen


def test_end_before_start_is_shown_beside_the_end(tk_root, ui, shop_setup, admin, target):
    ev = _events_screen(tk_root, ui, admin, target)
    ev.form.set_values({"name": "Salon", "place": "Nantes", "start": "2026-12-01",
                        "end": "2026-11-30"})
    ev.create()
    assert "before it starts" in ev.form.error_text("end")
    assert shop_events.list_events(admin) == []


def test_create_send_and_reconcile_an_event(tk_root, ui, shop_setup, admin, target):
    fr1, bag = shop_setup["locs"]["FR1"], shop_setup["v"]["bag"]
    stock.receive(admin, fr1.id, {bag.id: 5})
    opened = []
    ev = _events_screen(tk_root, ui, admin, target, extra={"open_file": opened.append})
    assert ev.form.vars["home"].get().startswith("FR1")  # the French shop is offered first
    ev.form.set_values({"name": "Marché de Noël", "place": "Nantes", "start": "2026-12-04",
                        "end": "2026-12-06"})
    ev.create()
    assert [r[0] for r in rows(ev.table.tree)] == ["Marché de Noël"]
    assert ev.form.values()["name"] == ""
    select_row(tk_root, ev.table.tree, lambda v: v[0] == "Marché de Noël")
    ev.move_form.set_values({"code": "BAG-RED", "quantity": "4"})
    ev.send()
    assert rows(ev.lines)[0][:2] == ("BAG-RED", "4") and stock.balance(bag.id, fr1.id) == 1
    ev.move_form.set_values({"code": "BAG-RED", "quantity": "1"})
    ev.add_back()
    assert "Came back: 1 piece" == ev.back_label.cget("text")
    ev.reconcile()
    line = rows(ev.lines)[0]
    assert line[0] == "BAG-RED" and line[4] == "3" and line[5] == "0"  # 3 lost, box empty
    assert stock.balance(bag.id, fr1.id) == 2
    assert shop_events.list_events(admin)[0].state == "reconciled"
    ev.report()
    assert opened[-1].exists()


def test_sending_an_unknown_code_is_refused(tk_root, ui, shop_setup, admin, target):
    info = shop_events.create_event(admin, "Salon", "Lyon", "2026-12-01", "2026-12-02",
                                    shop_setup["locs"]["FR1"].id)
    ev = _events_screen(tk_root, ui, admin, target)
    select_row(tk_root, ev.table.tree, lambda v: v[0] == "Salon")
    ev.move_form.set_values({"code": "NOPE", "quantity": "1"})
    ev.send()
    assert "no product" in ev.move_form.error_text("code")
    assert shop_events.event_report(info.id).lines == []
