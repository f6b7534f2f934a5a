"""Commands declared once: the shortcuts of the screen in front (and only of it), the menu bar,
and mark keys that never fire with Ctrl held."""

import datetime as dt

from pse_desktop.db.payroll import TimeEntry
from pse_desktop.services.payroll import timesheets, workers
from pse_desktop.views.common.commands import Command, Shortcuts, commands_of, plain_key
from pse_desktop.views.core.shell import MainWindow


def pump(root, times=4):
    for _ in range(times):
        root.update()


def _main(ui, actor, target, **ctx):
    main = MainWindow(ui, actor, target, on_logout=lambda: None, on_theme=lambda dark: None,
                      ctx_overrides=ctx or None)
    main.pack(fill="both", expand=True)
    return main


def test_ctrl_s_saves_the_time_sheet_and_marks_nothing_sick(tk_root, ui, make_user, target):
    manager = make_user("srey", "workshop_manager")
    w = workers.save_worker(manager, None, dict(name_latin="Kim Dara", job="cutter",
                                                hire_date="2025-01-01"))
    workers.add_contract(manager, w.id, "2025-01-01", "monthly", "250")
    main = _main(ui, manager, target)
    sheet = main.show("payroll_time")
    sheet.month_bar.set(dt.date(2026, 1, 1))
    pump(tk_root)
    sheet.days.selection_set("4")
    sheet.days.focus_force()
    pump(tk_root)
    sheet.days.event_generate("<KeyPress-w>")  # a plain mark key still marks
    pump(tk_root)
    assert sheet.sheet.days[4].status == "W"
    sheet.days.selection_set("5")
    sheet.days.focus_set()
    sheet.days.event_generate("<Control-s>")
    pump(tk_root)
    assert sheet.sheet.days[5].status != "S"  # Ctrl+S is not the Sick key
    assert TimeEntry.select().where(TimeEntry.day == dt.date(2026, 1, 5)).get().status == "W"
    assert "saved" in sheet.message_line.cget("text")
    # Another screen in front: Ctrl+S is no longer the time sheet's.
    main.show("payroll_workers")
    before = TimeEntry.select().count()
    sheet.sheet.days[6].status = "S"
    main.focus_force()
    main.event_generate("<Control-s>")
    pump(tk_root)
    assert TimeEntry.select().count() == before
    main.destroy()
    pump(tk_root)
    # After logout nothing of the session is left bound on the window, and no error comes.
    assert not tk_root.bind("<Control-s>") and not tk_root.bind("<F5>")
    tk_root.event_generate("<Control-s>")
    pump(tk_root)


from pse_desktop.views.core.menu import GUIDE  # noqa: E402


def test_menu_bar_follows_the_screen_in_front(tk_root, ui, admin, target):
    main = _main(ui, admin, target)
    bar = main.menu.bar
    labels = [bar.entrycget(i, "label") for i in range(bar.index("end") + 1)]
    assert labels[:3] == ["File", "Edit", "View"] and labels[-1] == "Help"
    assert {"Centres", "Workshop", "Shop", "Families", "Admin"} <= set(labels)
    edit = main.menu.edit
    main.show("users")
    assert edit.entrycget(0, "state") == "normal"  # New
    assert main.menu.file.entrycget(0, "state") == "disabled"  # Users has nothing to print
    main.show("home")
    assert edit.entrycget(1, "state") == "disabled"  # Save
    window = main.menu.guide()
    assert "Ctrl+S" in window.winfo_children()[0].get("1.0", "end")
    assert window.winfo_children()[0].guide_text.count("• ") == len(GUIDE) - 1
    window.destroy()
    from pse_desktop import i18n
    from pse_desktop.views.common.khmer_input import _shapes

    i18n.set_language("km")
    try:
        window = main.menu.guide()
        text = window.winfo_children()[0]
        assert "Ctrl+S" in text.guide_text and GUIDE[0] not in text.guide_text
        if not _shapes(window):  # X11: the Khmer guide is shaped images, one per paragraph
            assert len(text.image_names()) == len(GUIDE)
            assert not any("\u1780" <= ch <= "\u17ff" for ch in text.get("1.0", "end"))
        window.destroy()
    finally:
        i18n.set_language("en")
    main.destroy()
    assert str(tk_root.cget("menu")) == ""


def test_declared_commands_and_plain_keys():
    class Fake:
        commands = (Command("save", "save", when="ready"),)
        find_field = object()
        saved = False

        def save(self):
            self.saved = True
            return "done"

        def ready(self):
            return self.is_ready

        def on_show(self):
            pass

    fake = Fake()
    actions = [c.action for c in commands_of(fake)]
    assert actions == ["save", "find", "refresh"]
    save = commands_of(fake)[0]
    assert save.text == "Save" and save.accelerator == "Ctrl+S" and "<Control-s>" in save.keys
    fake.is_ready = False
    assert save.run(fake) is None and not fake.saved
    fake.is_ready = True
    assert save.run(fake) == "done"

    class Key:
        def __init__(self, state):
            self.state = state

    assert plain_key(Key(0)) and plain_key(Key(1))  # Shift is fine
    assert not plain_key(Key(4)) and not plain_key(Key(8))  # Ctrl, Alt
    assert Shortcuts  # bound per screen; see the window test above
