"""The users screen: add a user with field errors, edit, deactivate after asking, reset password."""

from pse_desktop.db.core import User
from pse_desktop.services.core import auth, places
from tests.views.helpers import column, is_disabled, main_window, pump, select_row


def test_users_screen_adds_a_user_and_shows_field_errors(tk_root, ui, admin, target):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    screen = main_window(ui, admin, target).show("users")
    screen.new()
    screen.form.set_values({"user name": "mony", "full name": "Mony", "role": "centre_staff",
                            "centre": "", "password": "secret-pass"})
    screen.save_button.invoke()
    assert "at least one centre" in screen.form.error_text("centre")
    screen.form.set_values({"centre": "stm"})
    screen.save_button.invoke()
    assert User.get(User.username == "mony").role == "centre_staff"
    assert "mony" in column(screen.table.tree, 0)


def test_deactivating_asks_first(tk_root, ui, admin, make_user, target):
    make_user("dara", "social_team")
    answers = []
    screen = main_window(ui, admin, target,
                         confirm=lambda parent, title, msg: answers.append(msg) or False).show("users")
    select_row(tk_root, screen.table.tree, lambda v: v[0] == "dara")
    screen.active_button.invoke()
    assert answers and User.get(User.username == "dara").active


def test_deactivate_then_reactivate(tk_root, ui, admin, make_user, target):
    make_user("dara", "social_team")
    screen = main_window(ui, admin, target).show("users")
    assert is_disabled(screen.active_button)  # nobody chosen yet
    select_row(tk_root, screen.table.tree, lambda v: v[0] == "dara")
    assert screen.active_button.cget("text") == "Deactivate"
    screen.active_button.invoke()
    assert not User.get(User.username == "dara").active
    row = next(screen.table.tree.item(i, "values") for i in screen.table.tree.get_children()
               if screen.table.tree.item(i, "values")[0] == "dara")
    assert row[-1] == "deactivated"
    select_row(tk_root, screen.table.tree, lambda v: v[0] == "dara")
    assert screen.active_button.cget("text") == "Reactivate"
    screen.active_button.invoke()
    assert User.get(User.username == "dara").active


def test_editing_keeps_the_name_and_resets_the_password(tk_root, ui, admin, make_user, target):
    make_user("dara", "social_team")
    screen = main_window(ui, admin, target).show("users")
    select_row(tk_root, screen.table.tree, lambda v: v[0] == "dara")
    assert is_disabled(screen.form.widgets["user name"])
    screen.form.set_values({"password": "short"})
    screen.reset_button.invoke()
    assert screen.form.error_text("password")
    screen.form.set_values({"password": "brand-new-pass"})
    screen.reset_button.invoke()
    assert screen.form.values()["password"] == ""
    assert auth.authenticate("dara", "brand-new-pass").username == "dara"
    screen.form.set_values({"full name": "Dara Chan"})
    screen.save_button.invoke()
    pump(tk_root)
    assert User.get(User.username == "dara").full_name == "Dara Chan"


def test_roles_are_named_and_explained_in_the_users_language(tk_root, ui, admin, make_user,
                                                              target, lang):
    places.save_shop(admin, None, "PP1", "Shop PP1", "Phnom Penh")
    make_user("dara", "shop_staff", shops=["PP1"])
    screen = main_window(ui, admin, target).show("users")
    screen.form.set_values({"role": "Shop staff"})
    assert screen.role() == "shop_staff"
    assert "• Sell at the point of sale, return and void sales" in screen.role_help.cget("text")
    assert "payroll" not in screen.role_help.cget("text")
    lang("km")
    screen = main_window(ui, admin, target).show("users")
    row = next(screen.table.tree.item(i, "values") for i in screen.table.tree.get_children()
               if screen.table.tree.item(i, "values")[0] == "dara")
    assert row[2] == "បុគ្គលិកហាង"
    select_row(tk_root, screen.table.tree, lambda v: v[0] == "dara")
    assert screen.form.values()["role"] == "បុគ្គលិកហាង" and screen.role() == "shop_staff"
    assert "លក់នៅកន្លែងគិតលុយ" in screen.role_help.cget("text")
    screen.form.set_values({"role": "អ្នកគ្រប់គ្រង"})  # an admin may do everything: no list
    assert screen.role() == "admin" and "•" not in screen.role_help.cget("text")
