"""Find the controls of a screen that a user cannot reach: unmapped for lack of room, cut off,
or lying outside the window with no scrollbar that brings them in.

Used by the fit test (every screen, every tab, every role, at 1024x600 and 1366x768) and by
tools/screenshots.py, so a screen that does not fit is seen before a user meets it.
"""

from __future__ import annotations

import tkinter as tk
from dataclasses import dataclass

# Widget classes a user acts on; labels and frames may be cut without losing a function.
CONTROLS = {"TButton", "Button", "TEntry", "Entry", "TCombobox", "TSpinbox", "Spinbox",
            "Treeview", "Listbox", "Text", "TCheckbutton", "Checkbutton", "TRadiobutton",
            "Radiobutton", "TMenubutton", "Menubutton"}
TOLERANCE = 2


@dataclass(frozen=True)
class Problem:
    widget: str
    kind: str  # "unmapped", "outside", "cut"
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail} ({self.widget})"


def _describe(widget: tk.Misc) -> str:
    text = ""
    try:
        text = str(widget.cget("text"))
    except (tk.TclError, AttributeError):
        pass
    return f"{widget.winfo_class()} {text!r}" if text else widget.winfo_class()


def _walk(widget: tk.Misc, prune: bool = False):
    """The widgets under ``widget``; with ``prune``, not those under a hidden one (faster)."""
    for child in widget.winfo_children():
        if prune and (not child.winfo_manager() or isinstance(child, tk.Toplevel)):
            continue
        yield child
        yield from _walk(child, prune)


def _ancestors(widget: tk.Misc, top: tk.Misc):
    """The widget's parents, nearest first, up to (and including) ``top``."""
    node = widget.master
    while node is not None:
        yield node
        if node is top:
            return
        node = node.master


def _scroll_parent(widget: tk.Misc, top: tk.Misc):
    """The scrolled canvas holding the widget, and the frame the canvas shows, or (None, None)."""
    child = widget
    for node in _ancestors(widget, top):
        if node.winfo_class() == "Canvas":
            try:
                if str(node.cget("yscrollcommand")) or str(node.cget("xscrollcommand")):
                    return node, child
            except tk.TclError:
                pass
            return None, None
        child = node
    return None, None


def _scrolls(widget: tk.Misc, top: tk.Misc) -> bool:
    """True when the widget sits in a canvas (a scrollable frame) that has a scrollbar."""
    return _scroll_parent(widget, top)[0] is not None


def _within_scroll_region(widget: tk.Misc, top: tk.Misc) -> bool:
    """True when scrolling the canvas can bring the whole widget into view: it lies inside the
    scroll region, and the region is larger than the view in each direction it is cut."""
    canvas, inner = _scroll_parent(widget, top)
    if canvas is None:
        return False
    try:
        x0, y0, x1, y1 = (float(v) for v in str(canvas.cget("scrollregion")).split())
    except ValueError:
        return False
    left = widget.winfo_rootx() - inner.winfo_rootx()
    up = widget.winfo_rooty() - inner.winfo_rooty()
    if left + widget.winfo_width() > x1 + TOLERANCE or up + widget.winfo_height() > y1 + TOLERANCE:
        return False  # beyond the region: the frame itself cuts it
    v0, w0, v1, w1 = _visible(widget, top)
    if v1 - v0 < widget.winfo_width() - TOLERANCE and x1 - x0 <= canvas.winfo_width() + TOLERANCE:
        return False  # cut sideways, and nothing scrolls sideways
    if w1 - w0 < widget.winfo_height() - TOLERANCE and y1 - y0 <= canvas.winfo_height() + TOLERANCE:
        return False
    return True


def _hidden_on_purpose(widget: tk.Misc, top: tk.Misc) -> bool:
    """A widget (or a parent) taken out of its layout, or on a tab not shown, is not a fault."""
    node = widget
    while node is not None and node is not top:
        manager = node.winfo_manager()
        if not manager:
            return True
        if manager == "notebook":
            parent = node.master
            try:
                if str(parent.select()) != str(node):
                    return True
            except tk.TclError:
                return True
        node = node.master
    return False


def _unmapped_for_room(widget: tk.Misc, top: tk.Misc) -> bool:
    """True when a layout left the widget (or the parent that holds it) unmapped."""
    node = widget
    while node is not None and node is not top:
        if not node.winfo_ismapped():
            parent = node.master
            if parent is None or parent.winfo_ismapped() or parent is top:
                # A canvas unmaps the windows scrolled out of sight: reachable by scrolling.
                return node.winfo_manager() != "canvas" or not _scrolls(node, top)
        node = node.master
    return False


def _rect(widget: tk.Misc):
    x, y = widget.winfo_rootx(), widget.winfo_rooty()
    return x, y, x + widget.winfo_width(), y + widget.winfo_height()


def _visible(widget: tk.Misc, top: tk.Misc):
    """The part of the widget that its parents (and the window) do not clip."""
    x0, y0, x1, y1 = _rect(widget)
    chain = list(_ancestors(widget, top)) + [widget.winfo_toplevel()]
    for node in chain:
        a0, b0, a1, b1 = _rect(node)
        x0, y0, x1, y1 = max(x0, a0), max(y0, b0), min(x1, a1), min(y1, b1)
    return x0, y0, x1, y1


def problems(top: tk.Misc) -> list[Problem]:
    """Every control under ``top`` the user cannot reach as it is laid out now."""
    top.update_idletasks()
    found = []
    for widget in _walk(top, prune=True):
        if widget.winfo_class() not in CONTROLS or _hidden_on_purpose(widget, top):
            continue
        name = str(widget)
        if not widget.winfo_ismapped():
            if _unmapped_for_room(widget, top):
                found.append(Problem(name, "unmapped", _describe(widget)))
            continue
        x0, y0, x1, y1 = _rect(widget)
        v0, w0, v1, w1 = _visible(widget, top)
        clipped = v1 - v0 < x1 - x0 - TOLERANCE or w1 - w0 < y1 - y0 - TOLERANCE
        if clipped and not _within_scroll_region(widget, top):
            found.append(Problem(name, "outside", "%s shows %dx%d of %dx%d" % (
                _describe(widget), max(0, v1 - v0), max(0, w1 - w0), x1 - x0, y1 - y0)))
            continue
        klass = widget.winfo_class()
        if klass in ("TButton", "Button", "TCheckbutton", "Checkbutton", "TRadiobutton",
                     "Radiobutton") and widget.winfo_width() < widget.winfo_reqwidth() - 3:
            found.append(Problem(name, "cut", "%s is %d wide, needs %d" % (
                _describe(widget), widget.winfo_width(), widget.winfo_reqwidth())))
        elif klass in ("TEntry", "Entry", "TCombobox", "TSpinbox") and widget.winfo_width() < min(
                60, widget.winfo_reqwidth() - 4):  # room for a few characters at least
            found.append(Problem(name, "cut", "%s is %d wide" % (_describe(widget),
                                                                 widget.winfo_width())))
        elif klass in ("Treeview", "Listbox", "Text") and widget.winfo_height() < 40:
            found.append(Problem(name, "cut", "%s is %d high" % (_describe(widget),
                                                                 widget.winfo_height())))
    return found


def notebooks(top: tk.Misc) -> list[tk.Misc]:
    """The tab sets under ``top`` (each tab of each must fit)."""
    return [w for w in _walk(top) if w.winfo_class() == "TNotebook"]
