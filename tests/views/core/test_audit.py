"""The audit log screen: newest first, filtered by user, area and dates."""

from pse_desktop.services.core import places
from tests.views.helpers import column, main_window


def test_audit_screen_filters_by_user(tk_root, ui, admin, make_user, target):
    make_user("dara", "social_team")
    screen = main_window(ui, admin, target).show("audit")
    screen.user.set("dara")
    screen.apply()
    assert set(column(screen.table.tree, 1)) == {"dara"}
    screen.date_from.set("yesterday")
    screen.apply()
    assert "From" in screen.error.cget("text")


def test_filters_by_area_and_date_and_offers_the_choices(tk_root, ui, admin, make_user, target):
    import datetime as dt

    make_user("dara", "social_team")
    from pse_desktop.services.centres import families

    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    families.save_family(admin, None, "F00001")
    screen = main_window(ui, admin, target).show("audit")
    assert {"(all)", "admin"} <= set(screen.user_box.cget("values"))
    everything = screen.table.total
    assert everything >= 3
    summaries = column(screen.table.tree, 5)
    assert "F00001" in summaries[0]  # newest first: the family came last
    area = column(screen.table.tree, 2)[0]
    assert area in screen.area_box.cget("values") and area != "core"
    screen.area.set(area)
    screen.apply()
    assert set(column(screen.table.tree, 2)) == {area} and screen.table.total < everything
    screen.area.set("(all)")
    screen.date_from.set((dt.date.today() + dt.timedelta(days=1)).isoformat())
    screen.apply()
    assert screen.error.cget("text") == "" and screen.table.total == 0


def test_areas_and_headings_in_the_readers_language(tk_root, ui, admin, target, lang):
    """An area is shown by its name, not its code ('core'), in the drop-down and the list; the
    record and change headings are not the words of a sale ('Enregistrer', 'Monnaie rendue')."""
    from pse_desktop.i18n import _

    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    lang("fr")
    screen = main_window(ui, admin, target).show("audit")
    shown = set(column(screen.table.tree, 2))
    assert _("Admin") in shown and not shown & {"core", "attendance"}
    assert _("Admin") in screen.area_box.cget("values")
    headings = [screen.table.tree.heading(c, "text") for c in screen.table.tree.cget("columns")]
    assert not {"Enregistrer", "Monnaie rendue"} & set(headings)
    screen.area.set(_("Admin"))
    assert screen.area.get() == "core"
