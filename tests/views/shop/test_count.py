"""The stock count screen: start, type counts line after line, see the variance, post or cancel."""

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.services.shop import count as shop_count, stock
from tests.views.helpers import is_disabled, key, main_window, pump, type_and_enter


def _count_screen(tk_root, ui, actor, target, opened, answers=None):
    answers = answers if answers is not None else []
    screen = main_window(ui, actor, target, extra={"open_file": opened.append},
                         confirm=lambda *a: answers.pop(0) if answers else True).show("shop_count")
    pump(tk_root)
    return screen


def test_count_screen_enters_and_posts(tk_root, ui, shop_setup, admin, target):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 5})
    opened = []
    screen = _count_screen(tk_root, ui, admin, target, opened)
    screen.chooser.select(pp1.id)
    screen.start_button.invoke()
    screen.tree.selection_set(str(bag.id))
    type_and_enter(tk_root, screen.counted_entry, "3")
    assert screen.tree.item(str(bag.id), "values")[-1] == "-2"
    screen.variance_button.invoke()
    assert opened[-1].exists()
    screen.post_button.invoke()
    assert stock.balance(bag.id, pp1.id) == 3


def test_typing_moves_down_the_sheet_and_bad_counts_are_shown(tk_root, ui, shop_setup, admin,
                                                             target):
    pp1, v = shop_setup["locs"]["PP1"], shop_setup["v"]
    stock.receive(admin, pp1.id, {v["bag"].id: 5, v["scarf"].id: 2})
    opened = []
    screen = _count_screen(tk_root, ui, admin, target, opened)
    assert is_disabled(screen.post_button) and not is_disabled(screen.start_button)
    screen.start_button.invoke()
    assert is_disabled(screen.start_button) and not is_disabled(screen.post_button)
    first, second = screen.tree.get_children()[:2]
    assert screen.tree.selection() == (first,)
    type_and_enter(tk_root, screen.counted_entry, "many")
    assert screen.error.cget("text") and screen.tree.item(first, "values")[3] == ""
    type_and_enter(tk_root, screen.counted_entry, "4")
    assert screen.error.cget("text") == ""
    assert screen.tree.selection() == (second,)
    key(tk_root, screen.counted_entry, "Up")
    assert screen.tree.selection() == (first,)
    screen.sheet_button.invoke()
    assert opened[-1].name.endswith("-sheet.pdf") and opened[-1].exists()


def test_posting_without_counts_is_refused_and_cancel_asks(tk_root, ui, shop_setup, admin, target):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 5})
    answers = [True, False, True]  # post, then cancel: no, then cancel: yes
    screen = _count_screen(tk_root, ui, admin, target, [], answers)
    screen.start_button.invoke()
    screen.post_button.invoke()
    assert "at least one counted" in screen.error.cget("text")
    assert stock.balance(bag.id, pp1.id) == 5
    screen.cancel_button.invoke()
    assert shop_count.open_count(pp1.id) is not None and screen.tree.get_children()
    screen.cancel_button.invoke()
    assert shop_count.open_count(pp1.id) is None and not screen.tree.get_children()
    assert not is_disabled(screen.start_button)
