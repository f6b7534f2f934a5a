"""A row of controls that wraps onto further lines when the window is too narrow for it.

Khmer labels are longer than English ones: a button row that fits in English at 1024x600 can
push its last buttons out in Khmer. ``Flow`` lays its controls left to right and starts a new
line when the next one does not fit, so every control keeps its natural size and stays in view.

    bar = Flow(parent)
    bar.pack(fill="x")              # the row must get its width from its parent (fill="x")
    bar.add(tb.Button(bar, text=...), tb.Button(bar, text=...))
"""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as tb


class Flow(tb.Frame):
    """A frame whose children (added with ``add``) flow left to right and wrap."""

    def __init__(self, master, gap: int = 4, line_gap: int = 4, **kw):
        super().__init__(master, **kw)
        self.gap, self.line_gap = gap, line_gap
        self.items: list[tk.Misc] = []
        self._pending = False
        self.bind("<Configure>", self._later, add="+")

    def add(self, *widgets: tk.Misc) -> tk.Misc:
        """Add controls (children of this frame) at the end of the row; return the last one."""
        for widget in widgets:
            self.items.append(widget)
            widget.bind("<Configure>", self._later, add="+")
        self._later()
        return widgets[-1] if widgets else None

    def adopt(self) -> "Flow":
        """Take the children already packed in this frame, in their packing order, into the row
        (so a bar written with ``pack(side="left")`` becomes a wrapping one in one line)."""
        slaves = self.pack_slaves()
        for widget in slaves:
            widget.pack_forget()
        self.add(*slaves)
        return self

    def remove(self, widget: tk.Misc) -> None:
        """Take a control out of the row (it stays alive; ``add`` puts it back at the end)."""
        if widget in self.items:
            self.items.remove(widget)
            widget.place_forget()
            self._later()

    def _later(self, event=None) -> None:
        if not self._pending:
            self._pending = True
            self.after_idle(self.layout)

    def layout(self) -> None:
        self._pending = False
        try:
            items = [w for w in self.items if w.winfo_exists()]
        except tk.TclError:
            return
        if not items:
            self.configure(width=1, height=1)
            return
        sizes = [(w.winfo_reqwidth(), w.winfo_reqheight()) for w in items]
        width = self.winfo_width()
        if width <= 1:  # not laid out yet: one line
            width = sum(s[0] for s in sizes) + self.gap * (len(sizes) - 1)
        x = y = line_height = 0
        for widget, (w, h) in zip(items, sizes):
            if x > 0 and x + w > width:
                x, y = 0, y + line_height + self.line_gap
                line_height = 0
            widget.place(x=x, y=y)
            x += w + self.gap
            line_height = max(line_height, h)
        # Ask for the widest control only (so the row can narrow and wrap), and the lines' height.
        want = (max(s[0] for s in sizes), y + line_height)
        if (self.winfo_reqwidth(), self.winfo_reqheight()) != want:
            self.configure(width=want[0], height=want[1])
