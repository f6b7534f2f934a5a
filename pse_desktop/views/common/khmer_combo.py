"""Khmer in drop-down lists (ttk comboboxes), where Tk cannot shape it (X11).

A read-only combobox shows its choice in an entry field and its choices in a list box: Tk draws
both unshaped. Where a combobox holds Khmer, ``KhmerCombo`` lays the shaped image of the choice
over the field, and the list that drops down (by a click or the Down key) is a menu whose entries
are shaped images. Choosing sets the value and sends ``<<ComboboxSelected>>``, as the list box
does. A combobox one types into keeps Tk's own field (the typed text is the user's to see as it
is); only its list drops down shaped.
"""

from __future__ import annotations

import tkinter
from tkinter import ttk

from .khmer import _tk_color_hex, has_khmer, khmer_photo
from .khmer_watch import Watched

PAD_X = 4


class KhmerCombo(Watched):
    """A combobox's field and list, shaped; ``KhmerCombo.attach(combobox)`` once."""

    operations = ("set", "current", "configure", "delete", "insert", "state")

    def __init__(self, combo: ttk.Combobox):
        self.combo = combo
        self.label: tkinter.Label | None = None
        self.menu: tkinter.Menu | None = None
        self._photos: list = []
        super().__init__(combo)
        combo.bind("<Button-1>", self._on_press, add="+")
        combo.bind("<Down>", self._on_press, add="+")
        var = str(self._call("cget", "-textvariable"))
        if var:  # a value set through the variable does not call the widget
            self.tk.call("trace", "add", "variable", var, "write",
                         combo.register(lambda *_a: self.schedule()))

    # -- what the combobox holds ---------------------------------------------------------

    def values(self) -> list[str]:
        return [str(v) for v in self.tk.splitlist(self._call("cget", "-values"))]

    def text(self) -> str:
        return str(self._call("get"))

    def readonly(self) -> bool:
        return bool(self.tk.call(self.orig, "instate", "readonly"))

    def disabled(self) -> bool:
        return bool(self.tk.call(self.orig, "instate", "disabled"))

    def holds_khmer(self) -> bool:
        return has_khmer(self.text()) or any(has_khmer(v) for v in self.values())

    # -- the field -------------------------------------------------------------------------

    def _look(self) -> tuple[str, str, int]:
        from .khmer_shaper import _pixels

        style = ttk.Style(self.combo)
        name = str(self._call("cget", "-style")) or "TCombobox"
        state = ("disabled",) if self.disabled() else ("readonly",)
        fg = bg = ""
        for sname in (name, "TCombobox"):
            fg = fg or style.lookup(sname, "foreground", state) or style.lookup(sname, "foreground")
            bg = bg or style.lookup(sname, "fieldbackground", state) \
                or style.lookup(sname, "fieldbackground")
        font = str(self._call("cget", "-font")) or "TkDefaultFont"
        return (_tk_color_hex(self.combo, fg) or "#212529",
                _tk_color_hex(self.combo, bg) or "#ffffff", _pixels(self.combo, font)[0])

    def _text_area_width(self) -> int:
        """Pixels from the left edge to the arrow button."""
        width, y = self.combo.winfo_width(), self.combo.winfo_height() // 2
        seen_arrow = False
        for x in range(width - 1, 0, -2):
            on_arrow = "arrow" in str(self._call("identify", x, y))
            if seen_arrow and not on_arrow:
                return x
            seen_arrow = seen_arrow or on_arrow
        return max(1, width - self.combo.winfo_height())

    def refresh(self) -> None:
        text = self.text()
        if not (self.readonly() and has_khmer(text) and self.combo.winfo_ismapped()):
            if self.label is not None and self.label.winfo_manager():
                self.label.place_forget()
            return
        if self.label is None:
            self.label = tkinter.Label(self.combo, borderwidth=0, highlightthickness=0,
                                       padx=0, pady=0, anchor="w")
            self.label.bind("<Button-1>", self._on_press)
        fg, bg, size = self._look()
        photo = khmer_photo(text, size, fg=fg, master=self.combo)
        self._photos = [photo]
        self.label.configure(image=photo, background=bg)
        self.label.khmer_text = text
        height = self.combo.winfo_height()
        self.label.place(x=PAD_X, y=2, width=max(1, self._text_area_width() - PAD_X - 1),
                         height=max(1, height - 4))

    # -- the list --------------------------------------------------------------------------

    def _on_press(self, _event=None):
        if self.disabled() or not any(has_khmer(v) for v in self.values()):
            return None  # Tk's own list: nothing in it needs shaping
        self.post()
        return "break"

    def build_menu(self) -> tkinter.Menu:
        """The list of choices as a menu of shaped entries (in columns when it is long)."""
        if self.menu is not None:
            self.menu.destroy()
        menu = self.menu = tkinter.Menu(self.combo, tearoff=False)
        fg, _bg, size = self._look()
        self._photos = self._photos[:1]
        per_column = max(8, (self.combo.winfo_screenheight() - 80) // max(size * 2, 1))
        for index, value in enumerate(self.values()):
            options = {"label": value, "command": lambda i=index: self.choose(i)}
            if has_khmer(value):
                photo = khmer_photo(value, size, fg=fg, master=self.combo)
                self._photos.append(photo)
                options.update(image=photo, compound="none")
            if index and index % per_column == 0:
                options["columnbreak"] = 1
            menu.add_command(**options)
        return menu

    def post(self) -> None:
        menu = self.build_menu()
        try:
            current = self.values().index(self.text())
        except ValueError:
            current = None
        x, y = self.combo.winfo_rootx(), self.combo.winfo_rooty() + self.combo.winfo_height()
        self.combo.focus_set()
        if current is None:
            menu.tk_popup(x, y)
        else:
            menu.tk_popup(x, y, current)

    def choose(self, index: int) -> None:
        self.combo.current(index)
        self.combo.event_generate("<<ComboboxSelected>>")
        self.combo.focus_set()
