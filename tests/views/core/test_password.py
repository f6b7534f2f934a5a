"""The change-password dialog: differing passwords, a wrong current one, then the change."""

from pse_desktop.services.core import auth
from pse_desktop.views.core.password import ChangePasswordDialog
from tests.views.helpers import key, pump


def test_change_password_with_its_errors(tk_root, ui, make_user):
    dara = make_user("dara", "social_team")
    said = []
    dialog = ChangePasswordDialog(ui, dara, said.append)
    pump(tk_root)
    dialog.form.set_values({"current password": "secret-pass", "new password": "better-pass-1",
                            "repeat": "better-pass-2"})
    dialog.submit()
    assert "differ" in dialog.form.error_text("repeat")
    dialog.form.set_values({"current password": "not-it", "repeat": "better-pass-1"})
    key(tk_root, dialog.form.widgets["repeat"], "Return")
    assert "not correct" in dialog.form.error_text("current password") and not said
    dialog.form.set_values({"current password": "secret-pass"})
    dialog.submit()
    assert said == ["Password changed."] and dialog.done and not dialog.winfo_exists()
    assert auth.authenticate("dara", "better-pass-1").username == "dara"


def test_the_status_bar_link_opens_it_and_escape_closes_it(tk_root, ui, make_user, target):
    from tests.views.helpers import main_window

    dara = make_user("dara", "social_team")
    main = main_window(ui, dara, target)
    dialog = main.change_password()
    pump(tk_root)
    assert isinstance(dialog, ChangePasswordDialog) and dialog.winfo_exists()
    key(tk_root, dialog.form.widgets["current password"], "Escape")
    assert not dialog.winfo_exists() and not dialog.done
    assert auth.authenticate("dara", "secret-pass").username == "dara"
