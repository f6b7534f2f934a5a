"""Every screen, and every tab of it, as each demo role on demo data, at 1024x600 and 1366x768:
no button, entry, list or checkbox is unmapped for lack of room, cut, or outside the window
without a scrollbar that reaches it."""

from __future__ import annotations

import shutil

import pytest

from pse_desktop import areas
from pse_desktop.db import close_database, init_database, resolve_target
from pse_desktop.services.common import demo
from pse_desktop.services.core import auth, users
from pse_desktop.services.core.demo import DEMO_PASSWORD, USERS
from pse_desktop.views.common import fit
from tests.views.helpers import every_screen, whole_window

ROLES = ["admin"] + [u[0] for u in USERS]
SIZES = ["1024x600", "1366x768"]


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """One demo database per test session (it takes half a minute); tests use copies."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    target = resolve_target(str(path))
    init_database(target)
    areas.load_services()
    users.create_first_admin("admin", "Office Admin", "admin-pass")
    demo.run(auth.authenticate("admin", "admin-pass"))
    close_database()
    return path


@pytest.fixture
def demo_target(demo_file, tmp_path):
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, copy)
    target = resolve_target(str(copy))
    init_database(target)
    areas.load_services()
    yield target
    close_database()


#: Names of demo records that happen to be English messages too (translating them would be
#: wrong: "Home" is a product category there, not the home screen).
DATA_NAMES = {"Home", "Events in France"}


def english_left(widget) -> list[str]:
    """Texts shown in the Khmer window that are English messages of the catalogue with a Khmer
    translation: a screen that forgot to translate them (labels, buttons, tabs, headings, table
    cells, drop-down choices, menu entries)."""
    from pse_desktop.i18n import _translations

    catalog = {k: v for k, v in _translations("km")._catalog.items()
               if isinstance(k, str) and k and v != k and k not in DATA_NAMES}
    found = []

    def check(w, what, text):
        text = str(text).strip()
        if text in catalog:
            found.append(f"{w.winfo_class()} {what} {text!r} (Khmer: {catalog[text]!r})")

    def visit(w):
        cls = w.winfo_class()
        if cls == "Menu":
            end = w.index("end")
            for i in range(0 if end is None else int(end) + 1):
                if w.type(i) in ("command", "cascade", "checkbutton", "radiobutton"):
                    check(w, "menu entry", w.entrycget(i, "label"))
        elif w.winfo_ismapped():
            if cls in ("TLabel", "TButton", "TCheckbutton", "TRadiobutton", "TMenubutton",
                       "Label", "Button", "TLabelframe"):
                check(w, "text", w.cget("text"))
            elif cls == "TNotebook":
                for tab in w.tabs():
                    check(w, "tab", w.tab(tab, "text"))
            elif cls == "Treeview":
                for col in w.cget("columns"):
                    check(w, "heading", w.heading(col, "text"))
                for iid in w.get_children()[:30]:
                    for value in w.item(iid, "values"):
                        check(w, "cell", value)
            elif cls == "TCombobox":
                for value in w.cget("values"):
                    check(w, "choice", value)
        for child in w.winfo_children():
            if child.winfo_class() == "Menu" or child.winfo_ismapped():
                visit(child)

    visit(widget)
    return found


def _reach_everything(root, main, khmer=False):
    """Every screen and every tab: what cannot be reached, by the place it was seen (and, in
    Khmer, what shows Khmer that Tk drew unshaped)."""
    from pse_desktop.views.common.khmer_shaper import unshaped

    found = {}
    for key, _screen in every_screen(root, main):
        found.update({p.widget: f"{key}: {p}" for p in fit.problems(main) if p.widget not in found})
        if khmer:
            found.update({line: f"{key}: unshaped: {line}"
                          for line in unshaped(main.winfo_toplevel()) if line not in found})
            found.update({line: f"{key}: still English: {line}"
                          for line in english_left(main.winfo_toplevel()) if line not in found})
    return list(found.values())


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("role", ROLES)
def test_every_screen_fits(tk_root, demo_target, role, size):
    _every_screen_fits(tk_root, demo_target, role, size)


@pytest.mark.parametrize("role", ["admin", "sophea", "dara", "srey", "vanna"])
def test_every_screen_fits_in_khmer_on_a_netbook(tk_root, demo_target, role):
    """Khmer words are longer and its lines taller: the same check in Khmer at 1024x600, with
    Khmer drawn as the window draws it (shaped images where Tk cannot shape: their size counts)."""
    from pse_desktop import i18n
    from pse_desktop.views.common.khmer_shaper import KhmerShaper

    i18n.set_language("km")
    shaper = KhmerShaper(tk_root).start()
    try:
        _every_screen_fits(tk_root, demo_target, role, "1024x600", khmer=True)
    finally:
        shaper.stop()
        tk_root.unbind_all("<Map>")
        i18n.set_language("en")


@pytest.mark.parametrize("role", ["admin", "sophea", "dara", "srey", "vanna"])
def test_every_screen_fits_in_french_on_a_netbook(tk_root, demo_target, role):
    """French words are longer than English ones: the same check in French at 1024x600 (the
    sidebar's 'FORMATION PROFESSIONNELLE' once widened it and cut sixteen controls)."""
    from pse_desktop import i18n

    i18n.set_language("fr")
    try:
        _every_screen_fits(tk_root, demo_target, role, "1024x600")
    finally:
        i18n.set_language("en")


def _every_screen_fits(tk_root, demo_target, role, size, khmer=False):
    actor = auth.authenticate(role, "admin-pass" if role == "admin" else DEMO_PASSWORD)
    old_geometry = tk_root.geometry()
    tk_root.geometry(f"{size}+0+0")
    try:
        with whole_window(tk_root, actor, demo_target) as (main, errors):
            # The menu bar sits above the window's client area: the whole window is the screen.
            width, height = (int(n) for n in size.split("x"))
            tk_root.geometry(f"{width}x{height - tk_root.winfo_rooty()}+0+0")
            tk_root.update()
            assert tk_root.winfo_width() == width
            assert tk_root.winfo_rooty() + tk_root.winfo_height() == height
            unreachable = _reach_everything(tk_root, main, khmer)
            assert not unreachable, "\n".join(unreachable)
            assert not errors, "callback raised: %r" % (errors[0][1],)
    finally:
        tk_root.geometry(old_geometry)
        tk_root.update()


def test_the_check_sees_a_button_pushed_out(tk_root, ui):
    """The check itself: a button with no room is reported, a scrolled one is not."""
    import ttkbootstrap as tb

    from pse_desktop.views.common.scroll import ScrollFrame

    tk_root.geometry("400x300+0+0")
    row = tb.Frame(ui)
    row.pack(fill="x")
    tb.Entry(row, width=80).pack(side="left")
    lost = tb.Button(row, text="Lost")
    lost.pack(side="left")
    scrolled = ScrollFrame(ui)
    scrolled.pack(fill="both", expand=True)
    for i in range(30):
        tb.Button(scrolled.body, text=f"Row {i}").pack()
    tk_root.update()
    problems = fit.problems(ui)
    assert [p.widget for p in problems] == [str(lost)]
    assert problems[0].kind == "unmapped"
    tk_root.geometry("1200x760")
