"""What the shop screens share: the location chooser and the way files are opened."""

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.views.shop import common
from tests.views.helpers import make_ctx, pump


def test_the_chooser_offers_the_users_locations_and_reports_changes(tk_root, ui, shop_setup,
                                                                   make_user, target, admin):
    chosen = []
    chooser = common.LocationChooser(ui, make_ctx(admin, target), chosen.append)
    chooser.pack()
    chooser.reload()
    codes = [loc.code for loc in chooser.locations]
    assert {"PP1", "PP2", "FR1"} <= set(codes)
    assert chosen[-1].code == codes[0] and chooser.current().code == codes[0]
    chooser.select(shop_setup["locs"]["PP2"].id)
    assert chosen[-1].code == "PP2" and chooser.box.get().startswith("PP2")
    chooser.reload()  # keeps the choice, and tells no one again
    assert chooser.current().code == "PP2" and len(chosen) == 2

    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    mine = []
    own = common.LocationChooser(ui, make_ctx(vanna, target), mine.append)
    own.reload()
    assert [loc.code for loc in own.locations] == ["PP1"] and mine[-1].code == "PP1"


def test_a_choice_from_the_list_calls_back(tk_root, ui, shop_setup, admin, target):
    chosen = []
    chooser = common.LocationChooser(ui, make_ctx(admin, target), chosen.append,
                                     kinds=("shop",))
    chooser.pack()
    chooser.reload()
    values = list(chooser.box.cget("values"))
    assert all(not v.startswith("EV") for v in values)
    chooser.box.current(values.index(next(v for v in values if v.startswith("FR1"))))
    chooser.box.event_generate("<<ComboboxSelected>>")
    pump(tk_root)
    assert chosen[-1].code == "FR1"


def test_tests_and_screens_choose_how_files_open(target, admin, monkeypatch):
    opened = []
    common.opener(make_ctx(admin, target, extra={"open_file": opened.append}))("/tmp/a.pdf")
    assert opened == ["/tmp/a.pdf"]
    assert common.opener(make_ctx(admin, target)) is common.open_file
    from pse_desktop import desktop

    calls = []
    monkeypatch.setattr(desktop.subprocess, "Popen", lambda args, **kw: calls.append(args))
    monkeypatch.setattr(desktop.sys, "platform", "linux")
    monkeypatch.setattr(desktop, "_windows", lambda: False)
    monkeypatch.setattr(desktop.shutil, "which", lambda name: "/usr/bin/" + name)
    common.open_file("/tmp/z.pdf")  # the shop opens files through pse_desktop.desktop
    assert calls == [["xdg-open", "/tmp/z.pdf"]]

    def missing(args, **kw):
        raise FileNotFoundError("xdg-open")

    monkeypatch.setattr(desktop.subprocess, "Popen", missing)
    common.open_file("/tmp/z.pdf")  # no viewer: nothing happens, nothing raised
