"""The settings screen: every setting checked before any is saved, errors beside the field."""

from pse_desktop.services.core import settings
from tests.views.helpers import main_window


def test_settings_screen_shows_error_beside_the_field_and_saves_nothing(tk_root, ui, admin, target):
    screen = main_window(ui, admin, target).show("settings")
    screen.form.set_values({"khr_per_usd": "lots", "org_name": "PSE Cambodia"})
    screen.save()
    assert "whole number" in screen.form.error_text("khr_per_usd")
    assert settings.get("org_name") == "Pour un Sourire d'Enfant"
    screen.form.set_values({"khr_per_usd": "4050"})
    screen.save()
    assert settings.get("khr_per_usd") == 4050 and settings.get("org_name") == "PSE Cambodia"
    assert screen.form.error_text("khr_per_usd") == ""


def test_undo_brings_back_the_saved_values_and_nothing_changed_is_said(tk_root, ui, admin, target):
    main = main_window(ui, admin, target)
    screen = main.show("settings")
    assert screen.form.values()["khr_per_usd"] in (str(settings.get("khr_per_usd")),
                                                   settings.get("khr_per_usd"))
    screen.form.set_values({"org_name": "Someone else"})
    screen.load()  # "Undo changes"
    assert screen.form.values()["org_name"] == "Pour un Sourire d'Enfant"
    screen.save()
    assert screen.message_line.cget("text") == "Nothing changed."
    screen.form.set_values({"org_name": "PSE"})
    screen.save()
    assert screen.message_line.cget("text") == "1 setting saved."
