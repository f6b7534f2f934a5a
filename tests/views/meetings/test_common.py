"""What the meetings screens share: the families list with shaped Khmer names, and writing a
file in the background after asking where."""

import ttkbootstrap as tb

from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.meetings.common import FamilyTree, first_khmer, latin_guardians, write_in_background
from tests.views.helpers import pump, rows, wait


class _G:
    def __init__(self, gid, km, latin, relation="mother"):
        self.id, self.name_km, self.name_latin, self.relation = gid, km, latin, relation


class _F:
    def __init__(self, guardians):
        self.guardians = guardians


def test_family_tree_adds_selects_updates_and_removes(tk_root, ui):
    ft = FamilyTree(ui, [("code", "Family", 60), ("names", "Guardians", 200)])
    ft.pack()
    a = ft.add(11, "សុខ សុភា", ("F00001", "Sok Sophea (mother)"))
    ft.add(12, "", ("F00002", "-"))
    assert rows(ft.tree) == [("F00001", "Sok Sophea (mother)"), ("F00002", "-")]
    assert ft.tree.item(a, "image") and not ft.tree.item(ft.iids[12], "image")
    ft.select(11)
    pump(tk_root)
    assert ft.selected() == 11 and ft.selected_iid == a
    assert ft.tree.item(a, "image")[0] == str(ft.selected_photo)  # drawn in the selection colour
    ft.update_row(12, ("F00002", "Chan Thida (mother)"))
    assert rows(ft.tree)[1][1] == "Chan Thida (mother)"
    ft.remove(11)
    assert [r[0] for r in rows(ft.tree)] == ["F00002"] and ft.selected_iid is None
    ft.clear()
    assert not ft.tree.get_children() and ft.keys == {}


def test_guardian_names():
    family = _F([_G(1, "", "Chan Thida"), _G(2, "ចាន់ ធីតា", "Chan Dara", "father")])
    assert first_khmer(family) == "ចាន់ ធីតា"
    assert latin_guardians(family) == "Chan Thida (mother), Chan Dara (father)"
    assert first_khmer(_F([])) == ""


def test_write_in_background_asks_writes_and_tells(tk_root, ui, tmp_path, target, admin):
    status, opened = [], []
    frame = tb.Frame(ui)
    frame.ctx = ScreenContext(actor=admin, target=target,
                              status=lambda text, error=False: status.append(text),
                              choose_file=lambda parent, mode, **kw: str(tmp_path / kw["initialfile"]),
                              extra={"open_file": lambda path: opened.append(path) or True,
                                     "print_file": None})
    task = write_in_background(frame, "out.pdf", lambda path: open(path, "w").write("x"), "Minutes")
    wait(tk_root, task)
    assert (tmp_path / "out.pdf").read_text() == "x"
    assert opened == [tmp_path / "out.pdf"]
    assert status[-1] == f"Minutes saved in {tmp_path} and opened."

    def broken(path):
        raise OSError("disk full")

    task = write_in_background(frame, "bad.pdf", broken, "Minutes")
    wait(tk_root, task)
    assert status[-1] == "Could not write Minutes: disk full" and len(opened) == 1
    frame.ctx.choose_file = lambda *a, **k: None  # the user cancelled
    assert write_in_background(frame, "none.pdf", broken, "Minutes") is None


def test_a_guardians_relation_in_the_readers_language(lang):
    """The relation is stored as a code ('mother'): French and Khmer readers saw it in English."""
    family = type("F", (), {"guardians": [_G(1, "សុខ សុភា", "Sok Sophea")]})()
    assert latin_guardians(family) == "Sok Sophea (mother)"
    lang("fr")
    assert latin_guardians(family) == "Sok Sophea (mère)"
