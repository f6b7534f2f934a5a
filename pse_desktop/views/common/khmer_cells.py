"""Khmer in table cells, where Tk cannot shape it (X11).

A ``ttk.Treeview`` cell can hold only text, and Tk on X11 draws Khmer text unshaped (subscript
consonants and split vowels beside their base letter). ``KhmerCells`` lays a small label with the
shaped image of the text over each visible cell that holds Khmer, in the cell's colours (the
selection's when the row is selected, a row tag's background when it has one).

The overlays must never show one row's text over another row, even for a moment: the table's
widget command is wrapped (in Tcl, so errors and results pass through untouched) and every call
that can change what is shown (insert, delete, item, set, move, see, yview, selection, column,
heading, tag...) asks for a refresh at the next idle moment, before the screen is redrawn. Mouse
presses, releases and the wheel on an overlay are passed to the table at the same spot, so
selecting, double-clicking, the copy menu and scrolling work as on the table itself.
The watching of the table's command is ``khmer_watch.Watched``.
"""

from __future__ import annotations

import tkinter
from tkinter import ttk

from .khmer import _tk_color_hex, has_khmer, khmer_photo, line_height
from .khmer_watch import Watched

#: Mouse events an overlay hands to the table beneath it.
FORWARDED = ("<ButtonPress-1>", "<ButtonRelease-1>", "<B1-Motion>", "<ButtonPress-3>",
             "<ButtonRelease-3>", "<Button-4>", "<Button-5>")
PAD_X = 4
DOUBLE_MS = 500  # Tk's own double-click time


def _state_color(tree, option: str, state: tuple) -> str | None:
    style = ttk.Style(tree)
    name = str(tree.cget("style")) or "Treeview"
    for sname in (name, "Treeview"):
        try:
            value = style.lookup(sname, option, state) if state else style.lookup(sname, option)
        except tkinter.TclError:
            value = ""
        if value:
            return _tk_color_hex(tree, value)
    return None


class KhmerCells(Watched):
    """Shaped overlays on one table's Khmer cells; ``KhmerCells.attach(tree)`` once."""

    #: Calls of the treeview after which what the table shows may have changed.
    operations = ("insert", "delete", "item", "set", "move", "detach", "reattach", "see",
                  "yview", "xview", "selection", "column", "heading", "configure", "tag",
                  "focus")

    def __init__(self, tree: ttk.Treeview):
        self.tree = tree
        self.labels: list[tkinter.Label] = []
        self.shown: list[tuple] = []  # (iid, column, text) of each overlay in use
        self._photos: dict[int, object] = {}
        self._last_press = None
        super().__init__(tree)

    def visible_rows(self) -> list[tuple[str, tuple[int, int, int, int]]]:
        """(item, its row box) of every row shown, top to bottom."""
        rows, y = [], 1
        height = self.tree.winfo_height()
        while y < height:
            iid = str(self._call("identify", "item", 1, y))
            if not iid:
                y += 4  # the headings, or below the last row
                continue
            box = self._call("bbox", iid)
            if not box:
                y += 4
                continue
            bx, by, bw, bh = (int(v) for v in self.tree.tk.splitlist(box))
            rows.append((iid, (bx, by, bw, bh)))
            y = by + max(bh, 1) + 1
        return rows

    def refresh(self) -> None:
        self._show(self._wanted())

    def _wanted(self) -> list[tuple]:
        tree = self.tree
        if not tree.winfo_ismapped():
            return []
        columns = list(tree.tk.splitlist(self._call("cget", "-columns")))
        if not columns:
            return []
        selected = set(tree.tk.splitlist(self._call("selection")))
        bottom = self._content_bottom()
        wanted = []
        for iid, _row in self.visible_rows():
            values = tree.tk.splitlist(self._call("item", iid, "-values"))
            for index, value in enumerate(values[:len(columns)]):
                text = str(value)
                if not has_khmer(text):
                    continue
                box = self._call("bbox", iid, columns[index])
                if not box:
                    continue  # a column not displayed
                x, y, w, h = (int(v) for v in tree.tk.splitlist(box))
                if w <= 2 or h <= 2:
                    continue
                side = {"e": "e", "ne": "e", "se": "e", "center": "", "n": "",
                        "s": ""}.get(str(self._call("column", columns[index], "-anchor")), "w")
                if y + h > bottom:  # a row half shown at the bottom: its top part, as Tk does
                    h, anchor = bottom - y, "n" + side
                else:
                    anchor = side or "center"
                if h < 6:
                    continue
                wanted.append((iid, columns[index], text, (x, y, w, h), anchor,
                               iid in selected, self._row_colors(iid)))
        return wanted

    def _content_bottom(self) -> int:
        """The lowest pixel row where the table draws rows (above its border and padding)."""
        height = self.tree.winfo_height()
        for y in range(height - 1, max(0, height - 24), -1):
            if str(self._call("identify", "region", 4, y)) in ("cell", "tree"):
                return y + 1
        return height - 2

    def _row_colors(self, iid) -> tuple[str | None, str | None]:
        """(foreground, background) the row's tags give it, None where they give none."""
        found = {"-foreground": None, "-background": None}
        for tag in self.tree.tk.splitlist(self._call("item", iid, "-tags")):
            for option in found:
                if found[option] is None:
                    try:
                        color = str(self._call("tag", "configure", tag, option))
                    except tkinter.TclError:
                        color = ""
                    found[option] = _tk_color_hex(self.tree, color) if color else None
        return found["-foreground"], found["-background"]

    def _look(self, selected: bool, tag_colors=(None, None)) -> tuple[str, str, int]:
        from .khmer_shaper import _pixels, _style_option

        state = ("selected",) if selected else ()
        tag_fg, tag_bg = tag_colors
        fg = (_state_color(self.tree, "foreground", state) if selected else None) or tag_fg \
            or _state_color(self.tree, "foreground", ()) or "#212529"
        bg = (_state_color(self.tree, "background", state) if selected else None) or tag_bg \
            or _state_color(self.tree, "fieldbackground", ()) \
            or _state_color(self.tree, "background", ()) or "#ffffff"
        size = _pixels(self.tree, _style_option(self.tree, "font") or "TkDefaultFont")[0]
        return fg, bg, size

    def _show(self, wanted: list[tuple]) -> None:
        tree = self.tree
        looks: dict[tuple, tuple] = {}
        self._grow_rows(wanted)
        for n, (iid, column, text, (x, y, w, h), anchor, selected, tags) in enumerate(wanted):
            if n == len(self.labels):
                self.labels.append(self._new_label())
            label = self.labels[n]
            look = looks.get((selected, tags)) or looks.setdefault(
                (selected, tags), self._look(selected, tags))
            fg, bg, size = look
            photo = khmer_photo(text, size, fg=fg, master=tree)
            self._photos[n] = photo
            label.configure(image=photo, background=bg, anchor=anchor)
            label.khmer_text = text
            label.place(x=x + 1, y=y, width=max(1, w - 2), height=h)
            label.lift()
        for label in self.labels[len(wanted):]:
            if label.winfo_manager():
                label.place_forget()
            label.khmer_text = None
        self.shown = [(iid, column, text) for iid, column, text, *_rest in wanted]

    def _grow_rows(self, wanted) -> None:
        """Rows tall enough for shaped Khmer (its stacks go below the line)."""
        if not wanted:
            return
        size = self._look(False)[2]
        need = line_height(size) + 2
        style = ttk.Style(self.tree)
        name = str(self.tree.cget("style")) or "Treeview"
        try:
            current = int(style.lookup(name, "rowheight") or 0)
        except (tkinter.TclError, ValueError):
            current = 0
        if current and current < need:
            style.configure(name, rowheight=need)
            self.tree.configure(style=name)  # a Treeview reads rowheight on a style change

    def _new_label(self) -> tkinter.Label:
        label = tkinter.Label(self.tree, borderwidth=0, highlightthickness=0, padx=PAD_X, pady=0)
        label.khmer_text = None
        for sequence in FORWARDED:
            label.bind(sequence, lambda e, s=sequence, lb=label: self._forward(e, s, lb))
        return label

    def _is_double(self, event) -> bool:
        """A second press close in time and place. Tk cannot see it: it looks for a double
        click in a row of events of one window, and here the overlay's and the table's
        alternate."""
        last, self._last_press = self._last_press, (event.time, event.x_root, event.y_root)
        if last is None:
            return False
        dt = (event.time - last[0]) & 0xFFFFFFFF
        if dt <= DOUBLE_MS and abs(event.x_root - last[1]) < 5 and abs(event.y_root - last[2]) < 5:
            self._last_press = None
            return True
        return False

    def _forward(self, event, sequence: str, label) -> str:
        """The same mouse event on the table, at the same spot."""
        x, y = event.x + label.winfo_x(), event.y + label.winfo_y()
        sequences = [sequence]
        if sequence == "<ButtonPress-1>" and self._is_double(event):
            # the table's own press, release, press in a row: Tk sees its double click
            sequences = ["<ButtonRelease-1>", "<ButtonPress-1>", "<ButtonRelease-1>",
                         "<ButtonPress-1>"]
        try:
            for each in sequences:
                self.tree.event_generate(each, x=x, y=y, rootx=event.x_root,
                                         rooty=event.y_root, time=event.time)
        except tkinter.TclError:
            pass
        return "break"
