"""Time sheet edits are never lost: leaving the screen, changing worker or logging out asks
Save / Discard / Cancel."""

import datetime as dt

from pse_desktop.db.payroll import TimeEntry
from pse_desktop.services.payroll import workers
from pse_desktop.views.core.shell import MainWindow


def pump(root, times=4):
    for _ in range(times):
        root.update()


def _sheet_with_an_edit(tk_root, ui, make_user, target, answers):
    manager = make_user("srey", "workshop_manager")
    for name in ("Kim Dara", "Sok Lina"):
        w = workers.save_worker(manager, None, dict(name_latin=name, job="cutter",
                                                    hire_date="2025-01-01"))
        workers.add_contract(manager, w.id, "2025-01-01", "monthly", "250")
    asked = []

    def ask(parent, title, message):
        asked.append(message)
        return answers.pop(0)

    main = MainWindow(ui, manager, target, on_logout=lambda: None, on_theme=lambda dark: None,
                      ctx_overrides={"ask_unsaved": ask})
    main.pack(fill="both", expand=True)
    sheet = main.show("payroll_time")
    sheet.month_bar.set(dt.date(2026, 1, 1))
    pump(tk_root)
    sheet.days.selection_set("4")
    sheet.mark("A")
    assert sheet.has_unsaved()
    return main, sheet, asked


def test_cancel_stays_discard_forgets_save_keeps(tk_root, ui, make_user, target):
    main, sheet, asked = _sheet_with_an_edit(tk_root, ui, make_user, target,
                                             ["cancel", "discard"])
    assert main.show("payroll_workers") is sheet and main.current_key == "payroll_time"
    assert "Time sheets has changes that are not saved" in asked[0]
    main.show("payroll_workers")
    assert main.current_key == "payroll_workers" and TimeEntry.select().count() == 0
    main.destroy()


def test_changing_worker_asks_and_save_writes_the_day(tk_root, ui, make_user, target):
    main, sheet, asked = _sheet_with_an_edit(tk_root, ui, make_user, target, ["cancel", "save"])
    first = sheet.worker_id
    other = next(iid for iid, wid in sheet.people_keys.items() if wid != first)
    sheet.people.selection_set(other)
    pump(tk_root)
    assert sheet.worker_id == first and sheet.has_unsaved()  # Cancel: still her sheet
    sheet.people.selection_set(other)
    pump(tk_root)
    assert sheet.worker_id != first and len(asked) == 2
    assert TimeEntry.get(TimeEntry.day == dt.date(2026, 1, 5)).status == "A"
    main.destroy()


def test_logout_and_close_ask_too(tk_root, ui, make_user, target):
    main, sheet, asked = _sheet_with_an_edit(tk_root, ui, make_user, target, ["cancel", "save"])
    assert main.can_leave("logging out") is False
    assert main.can_leave("closing the program") is True
    assert "closing the program" in asked[1]
    assert TimeEntry.select().count() == 1
    main.destroy()
