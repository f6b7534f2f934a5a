"""The screen kit's Screen: its own message line, a scrolled body, a button row that stays."""

import ttkbootstrap as tb

from pse_desktop.views.common.screen import Screen
from pse_desktop.views.common.base import ScreenContext


class _Tall(Screen):
    title = "Tall"

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        for i in range(40):
            tb.Entry(self).pack()
        self.save = tb.Button(self.actions, text="Save")
        self.save.pack(side="right")


def test_messages_show_on_the_screen_and_go_on_to_the_shared_status(tk_root, ui, admin, target):
    said = []
    screen = _Tall(ui, ScreenContext(actor=admin, target=target,
                                     status=lambda text, error=False: said.append((text, error))))
    screen.pack(fill="both", expand=True)
    tk_root.update()
    screen.ctx.status("Sale PP1-0042 recorded")
    assert screen.message_line.cget("text") == "Sale PP1-0042 recorded"
    screen.ctx.status("The printer is off", True)
    assert "danger" in str(screen.message_line.cget("style")).lower()
    assert said == [("Sale PP1-0042 recorded", False), ("The printer is off", True)]
    # Settings made on the screen's context reach the shared one (tests and dialogs rely on it).
    screen.ctx.choose_file = lambda *a, **k: "x.pdf"
    assert screen.ctx._base.choose_file() == "x.pdf"
    screen.destroy()


def test_content_scrolls_and_the_button_row_stays_in_view(tk_root, ui, admin, target):
    old = tk_root.geometry()
    tk_root.geometry("800x400+0+0")
    screen = _Tall(ui, ScreenContext(actor=admin, target=target))
    screen.pack(fill="both", expand=True)
    for _ in range(5):
        tk_root.update()
    assert screen.host.vbar.winfo_ismapped()
    bottom = tk_root.winfo_rooty() + tk_root.winfo_height()
    assert screen.save.winfo_ismapped()
    assert screen.save.winfo_rooty() + screen.save.winfo_height() <= bottom
    screen.host.canvas.yview_moveto(1.0)
    tk_root.update()
    assert screen.save.winfo_rooty() + screen.save.winfo_height() <= bottom
    screen.pack_forget()
    tk_root.update()
    assert not screen.winfo_ismapped()
    screen.destroy()
    tk_root.geometry(old)
    tk_root.update()
