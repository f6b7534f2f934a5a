"""Import window: a broken file is refused with the reason; a good one after confirmation."""

import time

from pse_desktop.db.centres import Child
from pse_desktop.services.centres import groups as attendance_setup
from pse_desktop.services.core import places
from pse_desktop.views.centres.importer import ImportScreen
from pse_desktop.views.common.base import ScreenContext


def wait(tk_root, task):
    end = time.time() + 20
    while not task.finished and time.time() < end:
        tk_root.update()
        time.sleep(0.02)
    assert task.finished


def test_broken_file_refused_then_template_imported(tk_root, ui, admin, target, tmp_path):
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    attendance_setup.save_group(admin, None, centre.id, "Daycare A", "daycare")
    broken = tmp_path / "broken.csv"
    broken.write_bytes("family_code,child_code\nF1,\xe9\n".encode("latin-1"))
    template = tmp_path / "template.csv"
    files = [str(template), str(broken), str(template)]
    answers = [False, True]
    ctx = ScreenContext(actor=admin, target=target, choose_file=lambda *a, **k: files.pop(0),
                        confirm=lambda *a: answers.pop(0))
    screen = ImportScreen(ui, ctx)
    screen.pack(fill="both", expand=True)
    screen.save_template()
    wait(tk_root, screen.choose())
    assert "cannot be imported" in screen.summary.cget("text")
    assert str(screen.import_button.cget("state")) == "disabled"
    wait(tk_root, screen.choose())
    assert "1 valid rows" in screen.summary.cget("text")
    assert screen.commit() is None and not Child.select().exists()
    wait(tk_root, screen.commit())
    assert Child.select().count() == 1
    assert "Imported 1" in screen.summary.cget("text")


def test_cancelled_choice_and_a_file_with_bad_rows(tk_root, ui, admin, target, tmp_path):
    from tests.views.helpers import rows

    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    files = [None, str(tmp_path / "template.csv"), str(tmp_path / "kids.csv")]
    ctx = ScreenContext(actor=admin, target=target, choose_file=lambda *a, **k: files.pop(0),
                        confirm=lambda *a: True)
    screen = ImportScreen(ui, ctx)
    screen.pack(fill="both", expand=True)
    assert screen.choose() is None and screen.summary.cget("text") == ""  # the user cancelled
    screen.save_template()
    lines = (tmp_path / "template.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    bad = lines[1].split(",")
    bad[header.index("birth_date")] = "the year of the flood"
    (tmp_path / "kids.csv").write_text("\n".join([lines[0], ",".join(bad)]) + "\n",
                                       encoding="utf-8")
    wait(tk_root, screen.choose())
    assert "0 valid rows" in screen.summary.cget("text")
    assert "1 rows with a problem" in screen.summary.cget("text")
    shown = rows(screen.table.tree)
    assert len(shown) == 1 and shown[0][1] == "error" and "birth" in shown[0][5]
    assert str(screen.import_button.cget("state")) == "disabled"


def test_duplicates_are_ticked_to_be_imported_and_unknown_columns_named(tk_root, ui, admin, target, tmp_path):
    from pse_desktop.services.centres import importer

    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    attendance_setup.save_group(admin, None, centre.id, "Daycare A", "daycare")
    template = tmp_path / "t.csv"
    importer.write_template(template)
    first = importer.preview(admin, template)
    importer.commit(admin, first)
    lines = template.read_text(encoding="utf-8-sig").splitlines()
    again = tmp_path / "again.csv"
    again.write_text(lines[0] + ",Remarks\n" + lines[1].replace("STM-9001", "STM-9002") + ",x\n",
                     encoding="utf-8")
    ctx = ScreenContext(actor=admin, target=target, choose_file=lambda *a, **k: str(again),
                        confirm=lambda *a: True)
    screen = ImportScreen(ui, ctx)
    screen.pack(fill="both", expand=True)
    wait(tk_root, screen.choose())
    text = screen.summary.cget("text")
    assert "1 likely duplicates" in text and "Remarks" in text
    assert str(screen.import_button.cget("state")) == "disabled"
    iid = next(iter(screen.table.keys))
    assert screen.table.tree.item(iid, "image")  # the Khmer name, shaped
    screen.table.tree.selection_set(iid)
    tk_root.update()
    screen.tick_button.invoke()
    assert str(screen.import_button.cget("state")) == "normal"
    wait(tk_root, screen.commit())
    assert Child.select().count() == 2
