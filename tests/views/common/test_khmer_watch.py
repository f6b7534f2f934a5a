"""The command watch under the Khmer overlays: changes seen at once, calls untouched."""

import tkinter

import pytest

from pse_desktop.views.common.khmer_watch import Watched


class Counting(Watched):
    operations = ("configure",)

    def __init__(self, widget):
        self.refreshed = 0
        super().__init__(widget)

    def refresh(self):
        self.refreshed += 1
        self._call("cget", "-text")  # the keeper's own calls ask for nothing more


def test_a_watched_call_refreshes_once_at_the_next_idle_moment(ui, tk_root):
    label = tkinter.Label(ui, text="a", width=10)  # no resize, no <Configure>
    label.pack()
    keeper = Counting.attach(label)
    assert Counting.attach(label) is keeper
    tk_root.update()
    start = keeper.refreshed
    label.configure(text="b")
    label.configure(text="c")
    assert keeper.refreshed == start  # not yet: before the next redraw
    tk_root.update_idletasks()
    assert keeper.refreshed == start + 1
    label.cget("text")  # not a watched operation
    tk_root.update_idletasks()
    assert keeper.refreshed == start + 1


def test_results_and_errors_pass_through_and_nothing_is_left_behind(ui, tk_root):
    label = tkinter.Label(ui, text="a")
    keeper = Counting.attach(label)
    assert label.cget("text") == "a"
    with pytest.raises(tkinter.TclError, match="unknown option"):
        label.configure(nonsense=1)
    path = str(label)
    label.destroy()
    tk_root.update()
    assert not tk_root.tk.call("info", "commands", path)
    assert not tk_root.tk.call("info", "commands", keeper.orig)
