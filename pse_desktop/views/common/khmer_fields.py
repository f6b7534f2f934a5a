"""Khmer in the fields one types into (entries and text boxes), where Tk cannot shape it (X11).

Tk draws the text of an entry unshaped, and it must stay Tk's own while the user types (the
cursor, the selection, the keys). So a field keeps two helpers:

- while it is not being typed in, the shaped image of its text lies over it (a name read from
  the database, a note saved last week), in the field's colours;
- while it is being typed in, a small shaped preview of what is typed floats just under it, in
  its own borderless window, so no screen has to make room for it. A text box shows the
  paragraph the cursor is in.

A field with a preview of its own (``khmer_input.khmer_entry``) gets no floating one. Password
fields are left alone. The watching of the widget's command is ``khmer_watch.Watched``.
"""

from __future__ import annotations

import tkinter
from tkinter import ttk

from .khmer import _tk_color_hex, has_khmer, khmer_photo, khmer_photo_wrapped
from .khmer_watch import Watched

PAD = 4
PREVIEW_BG, PREVIEW_FG = "#fff8dc", "#212529"  # a note's colours: readable in both themes


class KhmerField(Watched):
    """One entry or text box; ``KhmerField.attach(widget)`` once."""

    def __init__(self, widget):
        self.is_text = widget.winfo_class() == "Text"
        self.operations = (("insert", "delete", "replace", "configure", "mark", "edit")
                           if self.is_text else
                           ("insert", "delete", "configure", "state", "xview", "icursor"))
        self.label: tkinter.Label | None = None
        self.popup: tkinter.Toplevel | None = None
        self._photos: list = []
        super().__init__(widget)
        for sequence in ("<FocusIn>", "<FocusOut>", "<Map>", "<Unmap>"):
            widget.bind(sequence, self.schedule, add="+")
        try:
            var = "" if self.is_text else str(self._call("cget", "-textvariable"))
        except tkinter.TclError:
            var = ""
        if var:  # a value set through the variable does not call the widget
            self.tk.call("trace", "add", "variable", var, "write",
                         widget.register(lambda *_a: self.schedule()))

    # -- what the field holds ----------------------------------------------------------------

    def text(self) -> str:
        if self.is_text:
            return str(self._call("get", "1.0", "end-1c"))
        return str(self._call("get"))

    def focused(self) -> bool:
        return str(self.tk.call("focus")) == self.path

    def hidden_text(self) -> bool:
        return not self.is_text and bool(str(self._call("cget", "-show")))

    def _colours(self) -> tuple[str, str, int]:
        from .khmer_shaper import _pixels, _style_option

        w = self.widget
        if w.winfo_class().startswith("T"):
            fg = _style_option(w, "foreground")
            bg = _style_option(w, "fieldbackground") or _style_option(w, "background")
            font = str(self._call("cget", "-font")) or _style_option(w, "font")
        else:
            fg, bg = str(self._call("cget", "-foreground")), str(self._call("cget", "-background"))
            font = str(self._call("cget", "-font"))
        size = _pixels(w, font or "TkDefaultFont")[0]
        return _tk_color_hex(w, fg) or "#212529", _tk_color_hex(w, bg) or "#ffffff", size

    # -- refresh -----------------------------------------------------------------------------

    def refresh(self) -> None:
        text = self.text()
        khmer = has_khmer(text) and not self.hidden_text() and self.widget.winfo_ismapped()
        focused = self.focused()
        self._cover(text if khmer and not focused else None)
        own_preview = getattr(self.widget, "khmer_preview", None) is not None
        self._float(self._current_part(text) if khmer and focused and not own_preview else None)

    def _current_part(self, text: str) -> str:
        if not self.is_text:
            return text
        line = str(self._call("get", "insert linestart", "insert lineend"))
        return line if has_khmer(line) else ""

    def _cover(self, text: str | None) -> None:
        """The shaped text over the field (None: nothing over it)."""
        if text is None:
            if self.label is not None and self.label.winfo_manager():
                self.label.place_forget()
            return
        if self.label is None:
            self.label = tkinter.Label(self.widget, borderwidth=0, highlightthickness=0,
                                       padx=0, pady=0, anchor="nw" if self.is_text else "w")
            self.label.bind("<Button-1>", self._on_press)
        fg, bg, size = self._colours()
        width, height = self.widget.winfo_width(), self.widget.winfo_height()
        if self.is_text:
            photo = khmer_photo_wrapped(text, max(40, width - 3 * PAD), size, fg=fg,
                                        master=self.widget)
        else:
            photo = khmer_photo(text, size, fg=fg, master=self.widget)
        self._photos = [photo]
        self.label.configure(image=photo, background=bg)
        self.label.khmer_text = text
        self.label.place(x=PAD, y=2, width=max(1, width - 2 * PAD), height=max(1, height - 4))
        self.label.lift()

    def _float(self, text: str | None) -> None:
        """The floating preview under the field (None or "": none)."""
        if not text:
            if self.popup is not None:
                self.popup.withdraw()
                self.popup.khmer_text = None
            return
        if self.popup is None:
            self.popup = tkinter.Toplevel(self.widget)
            self.popup.withdraw()
            self.popup.overrideredirect(True)
            self.popup.preview = tkinter.Label(self.popup, background=PREVIEW_BG, borderwidth=1,
                                               relief="solid", padx=PAD, pady=1)
            self.popup.preview.pack()
        size = max(16, self._colours()[2] + 3)  # a little larger than the field: easy to check
        width = max(120, self.widget.winfo_width())
        photo = khmer_photo_wrapped(text, width, size, fg=PREVIEW_FG, master=self.widget)
        self._photos = self._photos[:1] + [photo]
        self.popup.preview.configure(image=photo)
        self.popup.khmer_text = text
        x = self.widget.winfo_rootx()
        y = self.widget.winfo_rooty() + self.widget.winfo_height() + 1
        self.popup.geometry(f"+{x}+{y}")
        self.popup.deiconify()
        self.popup.lift()

    def _on_press(self, event) -> str:
        """A click on the covered field: type in it (the cover goes, the preview comes)."""
        self.widget.focus_set()
        if self.is_text:
            self.widget.mark_set("insert", "end-1c")
        else:
            self.widget.icursor("end")
        self.schedule()
        return "break"

    def _on_destroy(self, event) -> None:
        if str(event.widget) == self.path and self.popup is not None:
            try:
                self.popup.destroy()
            except tkinter.TclError:
                pass
        super()._on_destroy(event)


def is_field(widget) -> bool:
    """An entry or text box the shaper should look after."""
    cls = widget.winfo_class()
    return cls in ("TEntry", "Entry", "Text") and not getattr(widget, "khmer_shaped", False) \
        and isinstance(widget, (tkinter.Entry, ttk.Entry, tkinter.Text))
