"""The home page: a greeting and the cards of each area, whose buttons open a screen."""

import ttkbootstrap as tb

from tests.views.helpers import main_window, pump


def _texts(widget):
    out = []
    for child in widget.winfo_children():
        try:
            out.append(child.cget("text"))
        except Exception:
            pass
        out.extend(_texts(child))
    return out


def test_admin_sees_the_backup_card_and_its_button_opens_backups(tk_root, ui, admin, target):
    main = main_window(ui, admin, target)
    pump(tk_root)
    home = main.current
    assert main.current_key == "home"
    texts = _texts(home)
    assert "Hello, Office Admin." in texts
    assert "No backup yet: make one now." in texts
    card = next(w for w in home.card_widgets if w.cget("text") == "Backups")
    button = next(w for w in card.winfo_children() if isinstance(w, tb.Button))
    button.invoke()
    pump(tk_root)
    assert main.current_key == "backups"


def test_a_user_without_cards_is_told_where_to_start(tk_root, ui, make_user, target):
    manager = make_user("srey", "workshop_manager")  # an empty workshop: nothing to report
    main = main_window(ui, manager, target)
    pump(tk_root)
    texts = _texts(main.current)
    assert "Hello, Srey." in texts
    assert "Choose a task on the left." in texts
    main.current.on_show()  # showing again does not pile the cards up
    again = _texts(main.current)
    assert len(again) == len(texts)
