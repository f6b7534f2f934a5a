"""The main window: the sidebar shows what a role may use, folds for admins, shows screens."""

from pse_desktop.services.core import places
from tests.views.helpers import main_window, pump


def test_centre_staff_sees_no_admin_screens(tk_root, ui, admin, make_user, target):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    main = main_window(ui, staff, target)
    pump(tk_root)
    assert not {"users", "places", "settings", "audit", "backups"} & set(main.buttons)
    assert "Stung Meanchey" in main.place_label.cget("text")
    assert "Sophea" in main.user_label.cget("text")


def test_only_manager_and_admin_see_the_workshop(tk_root, ui, make_user, target):
    manager = make_user("srey", "workshop_manager")
    main = main_window(ui, manager, target)
    assert {"payroll_workers", "payroll_time", "payroll_run", "payroll_fair",
            "payroll_rates"} <= set(main.buttons)
    main.destroy()
    dara = make_user("dara", "social_team")
    main = main_window(ui, dara, target)
    assert not any(key.startswith("payroll") for key in main.buttons)


def test_admin_sidebar_folds_sections_so_it_fits(tk_root, ui, admin, target):
    main = main_window(ui, admin, target)
    pump(tk_root)
    assert main.folding
    assert main.open_sections == set()
    main.show("settings")
    assert main.open_sections == {"Admin"}
    other = next(name for name in main.sections if name != "Admin")
    main.section_buttons[other].invoke()
    assert main.open_sections == {other}
    pump(tk_root)
    assert main.sidebar.winfo_reqheight() <= 740


def test_sidebar_buttons_bring_a_screen_to_the_front_and_keep_it(tk_root, ui, admin, target):
    main = main_window(ui, admin, target)
    main.buttons["settings"].invoke()
    pump(tk_root)
    settings_screen = main.current
    assert main.current_key == "settings" and settings_screen.winfo_ismapped()
    main.buttons["users"].invoke()
    pump(tk_root)
    assert main.current_key == "users" and not settings_screen.winfo_ismapped()
    main.buttons["settings"].invoke()
    assert main.current is settings_screen  # built once, shown again
    settings_screen.ctx.status("Saved.")  # on the screen's own line, kept by the window
    assert settings_screen.message_line.cget("text") == "Saved."
    assert main.last_message == ("Saved.", False)


def test_the_dark_switch_tells_the_window(tk_root, ui, admin, target):
    from pse_desktop.views.core.shell import MainWindow

    themes = []
    main = MainWindow(ui, admin, target, on_logout=lambda: None, on_theme=themes.append)
    main.pack(fill="both", expand=True)
    main.dark.set(True)
    main.switch_theme(themes.append)
    assert themes == [True] and main.nav_style == "dark"
    assert str(main.sidebar.cget("style")).lower().startswith("dark")
