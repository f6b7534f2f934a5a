"""Khmer in every label, button, tab, heading, menu entry, table, drop-down, field and chart,
where Tk cannot shape it (X11).

Screens set texts the ordinary way (``text=_("Save")``). When the text holds Khmer and Tk draws
Khmer unshaped, the shaper gives the widget an image of the shaped text instead (``compound=
"image"``: the text stays the widget's ``text`` for tests and for Tk's own use). It walks the
window a few times a second, so texts set later (status messages, dialogs) are shaped too; a text
already shaped costs a dictionary lookup. Table cells and drop-down lists cannot hold an image in
Tk: tables get shaped overlays on their Khmer cells (``khmer_cells``), drop-downs on their field
and a list of shaped entries (``khmer_combo``), fields a cover when not typed in and a floating
preview while typed in (``khmer_fields``).
"""

from __future__ import annotations

import tkinter
from tkinter import font as tkfont
from tkinter import ttk

from .khmer import _tk_color_hex, has_khmer, khmer_photo, khmer_photo_wrapped
from .khmer_cells import KhmerCells
from .khmer_combo import KhmerCombo
from .khmer_fields import KhmerField, is_field

TEXT_CLASSES = {"TLabel", "TButton", "TCheckbutton", "TRadiobutton", "TMenubutton", "Label",
                "Button", "Checkbutton", "Radiobutton", "Menubutton"}
INTERVAL_MS = 500


def _pixels(widget, font_spec) -> tuple[int, bool]:
    try:
        f = tkfont.Font(root=widget, font=font_spec or "TkDefaultFont")
        size, bold = int(f.actual("size")), f.actual("weight") == "bold"
    except (tkinter.TclError, ValueError):
        return 13, False
    if size < 0:
        return -size, bold
    return max(6, round(size * widget.winfo_fpixels("1p"))), bold


def _style_option(widget, option: str, state=()) -> str:
    try:
        style = str(widget.cget("style")) or widget.winfo_class()
    except tkinter.TclError:
        style = widget.winfo_class()
    s = ttk.Style(widget)
    for name in (style, widget.winfo_class(), "."):
        try:
            value = s.lookup(name, option, state) if state else s.lookup(name, option)
        except tkinter.TclError:
            value = ""
        if value:
            return value
    return ""


def _wraplength(widget) -> int:
    """The widget's ``wraplength`` in pixels (0: none, or a widget without one)."""
    try:
        value = str(widget.cget("wraplength"))
        return max(0, widget.winfo_pixels(value)) if value else 0
    except (tkinter.TclError, ValueError):
        return 0


def _look(widget) -> tuple[int, str, bool]:
    """(pixel size, foreground, bold) of a widget's text."""
    is_ttk = widget.winfo_class().startswith("T")
    font = ""
    try:
        font = str(widget.cget("font"))
    except tkinter.TclError:
        pass
    if not font and is_ttk:
        font = _style_option(widget, "font")
    size, bold = _pixels(widget, font)
    if is_ttk:
        fg = _style_option(widget, "foreground")
    else:
        try:
            fg = str(widget.cget("foreground"))
        except tkinter.TclError:
            fg = ""
    return size, _tk_color_hex(widget, fg) or "#212529", bold


class KhmerShaper:
    """Keeps the Khmer texts of a window shaped; ``start()`` once per root."""

    def __init__(self, root: tkinter.Misc):
        self.root = root
        self._job = None
        self._photos: dict[str, object] = {}  # keep references: Tk blanks collected images
        self._theme = ""
        self._soon = None

    def start(self) -> "KhmerShaper":
        # A screen that appears is shaped at once; the timer catches texts changed later.
        self.root.bind_all("<Map>", self._on_map, add="+")
        self.walk()
        return self

    def _on_map(self, _event=None) -> None:
        if self._soon is None:
            self._soon = self.root.after_idle(self._walk_now)

    def _walk_now(self) -> None:
        self._soon = None
        try:
            self._walk(self.root)
        except tkinter.TclError:
            pass

    def stop(self) -> None:
        if self._job is not None:
            try:
                self.root.after_cancel(self._job)
            except tkinter.TclError:
                pass
            self._job = None

    def walk(self) -> None:
        try:
            self._theme = ttk.Style(self.root).theme_use()
            self._walk(self.root)
        except tkinter.TclError:  # a widget went away while we looked at it
            pass
        try:
            self._job = self.root.after(INTERVAL_MS, self.walk)
        except tkinter.TclError:  # the root is gone
            self._job = None

    def _photo(self, widget, text: str, key: str, size=None, fg=None, bold=None):
        """A shaped image of ``text`` in the widget's look, kept alive while the widget lives."""
        look = _look(widget)
        size, fg, bold = size or look[0], fg or look[1], look[2] if bold is None else bold
        photo = khmer_photo(text, size, fg=fg, bold=bold, master=self.root)
        self._photos[f"{widget}|{key}"] = photo
        return photo

    def _walk(self, widget) -> None:
        for child in widget.winfo_children():
            cls = child.winfo_class()
            if cls == "Menu":  # a menu is not mapped until it drops down: shaped before
                self._shape_menu(child)
                self._walk(child)
                continue
            if not child.winfo_ismapped():  # hidden screens: shaped when they appear (<Map>)
                continue
            if cls in TEXT_CLASSES:
                self._shape_text(child)
            elif cls == "TNotebook":
                self._shape_tabs(child)
            elif cls == "Treeview":
                self._shape_headings(child)
                KhmerCells.attach(child)
            elif cls in ("TLabelframe", "Labelframe"):
                self._shape_labelframe(child)
            elif cls == "TCombobox":
                combo = KhmerCombo.attach(child)
                combo.schedule()  # its values may have changed without a call we watch
            elif cls in ("TEntry", "Entry", "Text") and is_field(child):
                KhmerField.attach(child)
            self._walk(child)

    def _shape_text(self, w) -> None:
        text = str(w.cget("text"))
        done = getattr(w, "_khmer_shaped", None)
        if not done and not has_khmer(text):
            return
        if getattr(w, "_k_text", None) is not None or done == "picker":  # draws itself
            return
        if not has_khmer(text):  # the text changed back to Latin: drop the image
            w.configure(image="", compound="none")
            w._khmer_shaped = None
            return
        # Re-render only when the text, the style (a selected sidebar button) or the theme
        # changed: working out the look of a widget costs a font lookup.
        try:
            style = str(w.cget("style"))
        except tkinter.TclError:
            style = ""
        wrap = _wraplength(w)
        key = (text, style, self._theme, wrap)
        if done == key:
            return
        size, fg, bold = _look(w)

        def draw(color, key):
            if wrap or "\n" in text:  # a long message wraps as Tk would; its lines stay lines
                photo = khmer_photo_wrapped(text, wrap or 100000, size, fg=color, bold=bold,
                                            master=self.root)
            else:
                photo = khmer_photo(text, size, fg=color, bold=bold, master=self.root)
            self._photos[f"{w}|{key}"] = photo
            return photo

        image = [draw(fg, "text")]
        grey = _tk_color_hex(w, _style_option(w, "foreground", ("disabled",))) \
            if w.winfo_class().startswith("T") else None
        if grey and grey != fg:  # ttk would stipple the image; a disabled control is grey
            image += ["disabled", draw(grey, "disabled")]
        w.configure(image=image if len(image) > 1 else image[0], compound="image")
        w._khmer_shaped = key

    def _shape_tabs(self, nb) -> None:
        for tab in nb.tabs():
            text = str(nb.tab(tab, "text"))
            if has_khmer(text) and getattr(nb, f"_k_{tab}", None) != text:
                size, fg, _bold = _look(nb)
                fg = _tk_color_hex(nb, _style_option(nb, "foreground")) or fg
                nb.tab(tab, image=self._photo(nb, text, f"tab{tab}", size, fg), compound="image")
                setattr(nb, f"_k_{tab}", text)

    def _shape_headings(self, tree) -> None:
        """A heading shows its text beside its image: the text moves to ``tree.khmer_headings``."""
        headings = tree.__dict__.setdefault("khmer_headings", {})
        for col in ("#0",) + tuple(tree.cget("columns")):
            try:
                text = str(tree.heading(col, "text"))
            except tkinter.TclError:
                continue
            if has_khmer(text):
                size = _pixels(tree, _style_option(tree, "font") or "TkHeadingFont")[0]
                fg = _tk_color_hex(tree, ttk.Style(tree).lookup("Treeview.Heading", "foreground"))
                tree.heading(col, text="", image=self._photo(tree, text, f"h{col}", size,
                                                             fg or None))
                headings[col] = text

    def _shape_menu(self, menu) -> None:
        """Menu entries (the menu bar's too) show their label as an image; the label stays."""
        try:
            end = menu.index("end")
        except tkinter.TclError:
            return
        if end is None:
            return
        done = menu.__dict__.setdefault("khmer_labels", {})
        size, bold = _pixels(menu, str(menu.cget("font")) or "TkMenuFont")
        for index in range(int(end) + 1):
            if menu.type(index) not in ("command", "cascade", "checkbutton", "radiobutton"):
                continue
            text = str(menu.entrycget(index, "label"))
            state = str(menu.entrycget(index, "state"))
            key = (text, state, self._theme)
            if not has_khmer(text) or done.get(index) == key:
                continue
            color = menu.cget("disabledforeground" if state == "disabled" else "foreground")
            fg = _tk_color_hex(menu, color) or "#212529"
            photo = khmer_photo(text, size, fg=fg, bold=bold, master=self.root)
            self._photos[f"{menu}|m{index}"] = photo
            menu.entryconfigure(index, image=photo, compound="none")  # the image, not the text
            done[index] = key

    def _shape_labelframe(self, frame) -> None:
        text = str(frame.cget("text"))
        if has_khmer(text) and getattr(frame, "_khmer_shaped", None) != text:
            style = ttk.Style(frame)
            fg = _tk_color_hex(frame, style.lookup(f"{frame.cget('style') or 'TLabelframe'}.Label",
                                                   "foreground")
                               or style.lookup("TLabelframe.Label", "foreground"))
            label = ttk.Label(frame, image=self._photo(frame, text, "label", fg=fg or "#212529"),
                              compound="image")
            label._khmer_shaped = "picker"
            frame.configure(labelwidget=label)
            frame._khmer_shaped = text


def unshaped(widget) -> list[str]:
    """What under ``widget`` still shows Khmer drawn by Tk (unshaped where Tk cannot shape):
    one line per widget, for the tests that walk every screen in Khmer. Entries one types into
    are left out (their shaped preview is ``khmer_input``'s)."""
    found: list[str] = []

    def say(w, what, text):
        found.append(f"{w.winfo_class()} {what} {text!r} ({w})")

    def visit(w):
        cls = w.winfo_class()
        if cls == "Menu":
            end = w.index("end")
            for i in range(0 if end is None else int(end) + 1):
                if w.type(i) in ("command", "cascade", "checkbutton", "radiobutton"):
                    label = str(w.entrycget(i, "label"))
                    if has_khmer(label) and not str(w.entrycget(i, "image")):
                        say(w, "entry", label)
        elif w.winfo_ismapped():
            if cls in TEXT_CLASSES:
                text = str(w.cget("text"))
                if has_khmer(text) and not str(w.cget("image")) \
                        and getattr(w, "_k_text", None) is None:
                    say(w, "text", text)
            elif cls == "TNotebook":
                for tab in w.tabs():
                    text = str(w.tab(tab, "text"))
                    if has_khmer(text) and not str(w.tab(tab, "image")):
                        say(w, "tab", text)
            elif cls == "Treeview":
                for col in ("#0",) + tuple(w.cget("columns")):
                    if has_khmer(w.heading(col, "text")):
                        say(w, "heading", w.heading(col, "text"))
                cells = w.__dict__.get("khmer_khmercells")
                covered = {(iid, col) for iid, col, _t in (cells.shown if cells else [])}
                bottom = cells._content_bottom() if cells else w.winfo_height()
                for iid, (_x, y, _w, h) in (cells.visible_rows() if cells else []):
                    if y + min(h, 6) > bottom:
                        continue
                    for col, value in zip(w.cget("columns"), w.item(iid, "values")):
                        if has_khmer(str(value)) and (iid, col) not in covered \
                                and w.bbox(iid, col):
                            say(w, "cell", value)
                if cells is None and w.get_children():
                    say(w, "table", "not watched")
            elif cls == "TCombobox":
                text = w.get()
                keeper = w.__dict__.get("khmer_khmercombo")
                if has_khmer(text) and w.instate(["readonly"]) and (
                        keeper is None or keeper.label is None
                        or keeper.label.khmer_text != text or not keeper.label.winfo_manager()):
                    say(w, "choice", text)
            elif cls in ("TEntry", "Entry") or (cls == "Text" and is_field(w)):
                keeper = w.__dict__.get("khmer_khmerfield")
                content = w.get("1.0", "end-1c") if cls == "Text" else w.get()
                hidden = cls != "Text" and str(w.cget("show"))
                if has_khmer(content) and not hidden and str(w.tk.call("focus")) != str(w) and (
                        keeper is None or keeper.label is None
                        or keeper.label.khmer_text != content or not keeper.label.winfo_manager()):
                    say(w, "field", content[:40])
            elif cls in ("Text", "Listbox", "Canvas"):
                if cls == "Text":
                    content = w.get("1.0", "end")
                elif cls == "Listbox":
                    content = " ".join(str(v) for v in w.get(0, "end"))
                else:
                    content = " ".join(str(w.itemcget(i, "text")) for i in w.find_all()
                                       if w.type(i) == "text")
                if has_khmer(content) and not getattr(w, "khmer_shaped", False):
                    say(w, "content", content[:40])
        for child in w.winfo_children():
            if child.winfo_class() == "Menu" or child.winfo_ismapped():
                visit(child)

    visit(widget)
    return found
