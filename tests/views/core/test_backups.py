"""The backups screen: back up in the background, restore after asking, refuse a bad file."""

import time

from pse_desktop.services.core import backup, places
from tests.views.helpers import main_window, pump, pump_for


def test_backup_screen_backs_up_in_the_background(tk_root, ui, admin, target):
    screen = main_window(ui, admin, target).show("backups")
    screen.backup_button.invoke()
    end = time.time() + 10
    while not (screen.task and screen.task.finished) and time.time() < end:
        pump_for(tk_root, 0.05)
    assert "Backup saved" in screen.message.cget("text")
    assert len(screen.table.tree.get_children()) == 1
    assert screen.space.cget("text").startswith("1 backup uses")  # the space used is shown


def test_restore_from_the_window_asks_then_logs_out(tk_root, ui, admin, target, tmp_path):
    from pse_desktop.views.core.shell import MainWindow

    saved = backup.make_backup(admin, target, tmp_path / "b.sqlite3")
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    events = []
    main = MainWindow(ui, admin, target, on_logout=lambda: events.append("logout"),
                      on_theme=lambda d: None,
                      ctx_overrides={"confirm": lambda p, t, m: events.append("asked") or True,
                                     "inform": lambda p, t, m: events.append(m)})
    main.pack(fill="both", expand=True)
    screen = main.show("backups")
    screen.restore(saved)
    assert events[0] == "asked" and events[-1] == "logout"
    assert places.list_centres() == []


def test_restore_needs_a_choice_refuses_a_bad_file_and_a_no(tk_root, ui, admin, target, tmp_path):
    events = []
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a database")
    main = main_window(ui, admin, target, confirm=lambda *a: events.append("asked") or False,
                       choose_file=lambda *a, **k: str(bad),
                       on_logout=lambda: events.append("out"))
    screen = main.show("backups")
    screen.restore_button.invoke()
    assert "Select a backup" in screen.message.cget("text")
    screen.restore_file()
    assert "cannot be restored" in screen.message.cget("text") and not events
    saved = backup.make_backup(admin, target, tmp_path / "b.sqlite3")
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    screen.restore(saved)  # answered no
    pump(tk_root)
    assert events == ["asked"] and [c.code for c in places.list_centres()] == ["STM"]


def test_restore_from_the_window_names_who_else_has_the_database_open(tk_root, ui, admin,
                                                                      target, tmp_path):
    from pse_desktop.views.core.shell import MainWindow
    from tests.fixtures.processes import other_window

    saved = backup.make_backup(admin, target, tmp_path / "b.sqlite3")
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    main = MainWindow(ui, admin, target, on_logout=lambda: None, on_theme=lambda d: None,
                      ctx_overrides={"confirm": lambda p, t, m: True,
                                     "inform": lambda p, t, m: None})
    main.pack(fill="both", expand=True)
    screen = main.show("backups")
    other = other_window(target.path)
    try:
        screen.restore(saved)
    finally:
        other.close()
    assert "open in another window: Sophea on " in screen.message.cget("text")
    assert [c.code for c in places.list_centres()] == ["STM"]
