"""A frame that scrolls when the window is smaller than its content, and the mouse wheel for it.

The content fills the visible area when there is room (so lists still grow with the window) and
keeps its natural size, with scrollbars, when there is not: nothing is squeezed out of sight.
"""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as tb

# Widgets that scroll themselves with the wheel: the wheel over them is theirs.
SELF_SCROLLING = {"Treeview", "Text", "Listbox", "TCombobox", "Canvas"}
# Below this width a screen scrolls sideways rather than squeezing its controls further; above
# it, the screen takes the visible width and its lists give up room (they scroll themselves).
MIN_WIDTH = 720


class ScrollHost:
    """A canvas in ``outer`` that shows one frame (``attach``) and scrolls it when needed."""

    def __init__(self, outer: tk.Misc, row: int = 0):
        self.outer = outer
        self.canvas = tk.Canvas(outer, highlightthickness=0, borderwidth=0, width=10, height=10)
        self.canvas.scroll_host = self
        self.vbar = tb.Scrollbar(outer, orient="vertical", command=self.canvas.yview)
        self.hbar = tb.Scrollbar(outer, orient="horizontal", command=self.canvas.xview)
        self.canvas.configure(yscrollcommand=self.vbar.set, xscrollcommand=self.hbar.set)
        self.canvas.grid(row=row, column=0, sticky="nsew")
        self.vbar.grid(row=row, column=1, sticky="ns")
        self.hbar.grid(row=row + 1, column=0, sticky="ew")
        self.vbar.grid_remove()
        self.hbar.grid_remove()
        outer.rowconfigure(row, weight=1)
        outer.columnconfigure(0, weight=1)
        self.inner = None
        self.item = None
        self.min_width = MIN_WIDTH
        self._pending = False
        install_wheel(outer)

    def attach(self, inner: tk.Misc) -> None:
        self.inner = inner
        self.item = self.canvas.create_window(0, 0, window=inner, anchor="nw")
        self.canvas.bind("<Configure>", self._later, add="+")
        inner.bind("<Configure>", self._later, add="+")
        self._theme()
        self.canvas.bind("<<ThemeChanged>>", lambda e: self._theme(), add="+")

    def _theme(self) -> None:
        try:
            self.canvas.configure(background=tb.Style().colors.bg)
        except (tk.TclError, AttributeError):
            pass

    def _later(self, event=None) -> None:
        if not self._pending:
            self._pending = True
            self.canvas.after_idle(self.fit)

    def fit(self) -> None:
        """Give the frame the visible size, or its natural size with a scrollbar when larger."""
        self._pending = False
        if self.inner is None or not self.canvas.winfo_exists():
            return
        cw, ch = self.canvas.winfo_width(), self.canvas.winfo_height()
        rw, rh = self.inner.winfo_reqwidth(), self.inner.winfo_reqheight()
        if cw <= 1 or ch <= 1:
            return
        rw = min(rw, max(cw, self.min_width))
        w, h = max(cw, rw), max(ch, rh)
        self.canvas.itemconfigure(self.item, width=w, height=h)
        self.canvas.configure(scrollregion=(0, 0, w, h))
        for bar, needed in ((self.vbar, rh > ch), (self.hbar, rw > cw)):
            if needed and not bar.winfo_manager():
                bar.grid()
            elif not needed and bar.winfo_manager():
                bar.grid_remove()
        if rh <= ch:
            self.canvas.yview_moveto(0)
        if rw <= cw:
            self.canvas.xview_moveto(0)

    def see(self, widget: tk.Misc) -> None:
        """Scroll so that ``widget`` (inside the frame) is in view."""
        if self.inner is None:
            return
        self.canvas.update_idletasks()
        top = widget.winfo_rooty() - self.inner.winfo_rooty()
        height = max(1, self.inner.winfo_height())
        view = self.canvas.winfo_height()
        first = self.canvas.yview()[0] * height
        if top < first or top + widget.winfo_height() > first + view:
            self.canvas.yview_moveto(max(0.0, (top - 20) / height))


class ScrollFrame(tb.Frame):
    """A frame whose content (``.body``) scrolls: for long forms in side panels."""

    def __init__(self, master, **kw):
        super().__init__(master, **kw)
        self.host = ScrollHost(self)
        self.body = tb.Frame(self.host.canvas)
        self.host.attach(self.body)


def _host_under(widget):
    node = widget
    while node is not None:
        host = getattr(node, "scroll_host", None)
        if host is not None:
            return host
        if node is not widget and node.winfo_class() in SELF_SCROLLING:
            return None
        node = node.master
    return None


def _wheel(event) -> None:
    widget = event.widget
    if not isinstance(widget, tk.Misc):
        return
    try:
        under = widget.winfo_containing(event.x_root, event.y_root)
    except (tk.TclError, KeyError):
        return
    if under is None or under.winfo_class() in SELF_SCROLLING and not hasattr(under, "scroll_host"):
        return
    host = _host_under(under)
    if host is None or not host.vbar.winfo_manager():
        return
    if getattr(event, "num", None) == 4 or getattr(event, "delta", 0) > 0:
        host.canvas.yview_scroll(-3, "units")
    else:
        host.canvas.yview_scroll(3, "units")


def install_wheel(widget: tk.Misc) -> None:
    """Bind the wheel once per application; it scrolls the scroll host under the pointer."""
    root = widget.winfo_toplevel()
    if getattr(root, "_pse_wheel", False):
        return
    root._pse_wheel = True
    for sequence in ("<MouseWheel>", "<Button-4>", "<Button-5>"):
        root.bind_all(sequence, _wheel, add="+")
