"""Pieces the meetings' screens share: a list of families with the guardian's Khmer name shaped,
and writing a PDF or an export off the Tk thread."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import _
from ...services.centres.rules import relation_label
from ..common.documents import make_document
from ..common.khmer import khmer_photo, line_height, style_colors


class FamilyTree(tb.Frame):
    """A Treeview of families: guardian's Khmer name (shaped, column #0) then text columns."""

    def __init__(self, master, columns: list[tuple[str, str, int]], height: int = 10, **kw):
        super().__init__(master, **kw)
        tb.Style().configure("Families.Treeview", rowheight=line_height(13) + 4)
        ids = [c[0] for c in columns]
        self.tree = tb.Treeview(self, columns=ids, show="tree headings", selectmode="browse",
                                style="Families.Treeview", height=height)
        self.tree.heading("#0", text=_("Guardian (Khmer)"), anchor="w")
        self.tree.column("#0", width=135, stretch=False)
        for cid, heading, width in columns:
            self.tree.heading(cid, text=heading, anchor="w")
            self.tree.column(cid, width=width, stretch=cid == ids[-1], anchor="w")
        scroll = tb.Scrollbar(self, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        self.tree.pack(side="left", fill="both", expand=True)
        scroll.pack(side="left", fill="y")
        self.photos: dict[str, object] = {}
        self.keys: dict[str, object] = {}
        self.iids: dict[object, str] = {}
        self.khmer: dict[str, str] = {}  # iid -> Khmer text
        self.selected_iid, self.selected_photo = None, None
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selection_photo(), add="+")

    def clear(self) -> None:
        self.tree.delete(*self.tree.get_children())
        self.keys, self.iids, self.khmer = {}, {}, {}
        self.selected_iid = None

    def _selection_photo(self) -> None:
        """Draw the selected row's Khmer name in the selection colour (and the old one back)."""
        iid = (self.tree.selection() or ("",))[0]
        if iid == self.selected_iid:
            return
        old = self.selected_iid
        if old and old in self.khmer and self.tree.exists(old):
            self.tree.item(old, image=self.photos[self.khmer[old]])
        if iid in self.khmer:
            fg = tb.Style().lookup("Treeview", "foreground", ("selected",)) or "#ffffff"
            self.selected_photo = khmer_photo(self.khmer[iid], 13, fg=fg)
            self.tree.item(iid, image=self.selected_photo)
        self.selected_iid = iid

    def add(self, key, khmer: str, values, tags=()) -> str:
        kw = {}
        if khmer:
            photo = self.photos.get(khmer)
            if photo is None:
                photo = self.photos[khmer] = khmer_photo(khmer, 13, fg=style_colors("Treeview")[0])
            kw["image"] = photo
        iid = self.tree.insert("", "end", text="", values=list(values), tags=tags, **kw)
        self.keys[iid], self.iids[key] = key, iid
        if khmer:
            self.khmer[iid] = khmer
        return iid

    def update_row(self, key, values, tags=()) -> None:
        self.tree.item(self.iids[key], values=list(values), tags=tags)

    def remove(self, key) -> None:
        iid = self.iids.pop(key, None)
        if iid:
            self.tree.delete(iid)
            self.keys.pop(iid, None)
            self.khmer.pop(iid, None)
            if iid == self.selected_iid:
                self.selected_iid = None

    def selected(self):
        sel = self.tree.selection()
        return self.keys.get(sel[0]) if sel else None

    def select(self, key) -> None:
        iid = self.iids.get(key)
        if iid:
            self.tree.selection_set(iid)
            self.tree.focus(iid)
            self.tree.see(iid)


def first_khmer(family) -> str:
    return next((g.name_km for g in family.guardians if g.name_km), "")


def latin_guardians(family) -> str:
    return ", ".join(f"{g.name_latin} ({relation_label(g.relation)})"
                     for g in family.guardians)


def write_in_background(screen, default_name: str, work, what: str, filetypes=None):
    """Ask where to save, then run ``work(path)`` in a thread; open the file and say where it is
    (the kit's helper). Returns the BackgroundTask (or None when the user cancelled)."""
    return make_document(screen, default_name, work, what, filetypes=filetypes)
