"""Import children and families: template, preview with every bad row named, then confirm."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.centres import importer as attendance_import
from ..common.base import BackgroundTask, PagedTable, Screen
from ..common.khmer import khmer_photo, line_height, style_colors


class ImportScreen(Screen):
    title = N_("Import children")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        tb.Label(self, text=_("Fill the template (one row per child; children of one family share "
                              "its family code), then choose the file. Nothing is written before "
                              "you confirm, and then all valid rows are written together."),
                 wraplength=800, justify="left").pack(anchor="w")
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=8)
        tb.Button(bar, text=_("Save the template..."), bootstyle="secondary",
                  command=self.save_template).pack(side="left")
        self.choose_button = tb.Button(bar, text=_("Choose a file..."), bootstyle="primary",
                                       command=self.choose)
        self.choose_button.pack(side="left", padx=8)
        self.import_button = tb.Button(bar, text=_("Import the valid rows"), bootstyle="success",
                                       command=self.commit, state="disabled")
        self.import_button.pack(side="left")
        self.tick_button = tb.Button(bar, text=_("Import this likely duplicate too"),
                                     bootstyle="warning-outline", command=self.toggle_duplicate,
                                     state="disabled")
        self.tick_button.pack(side="left", padx=8)
        self.summary = tb.Label(self, text="", font=("TkDefaultFont", 11))
        self.summary.pack(anchor="w")
        self.table = PagedTable(self, [("line", _("Line"), 50), ("state", _("State"), 60),
                                       ("code", _("Child code"), 90), ("name", _("Name"), 150),
                                       ("family", _("Family"), 80), ("problem", _("Problem"), 400)],
                                page_size=300)
        self.table.pack(fill="both", expand=True)
        # Khmer names shaped, as images in column #0 (Tk cannot shape Khmer itself)
        tb.Style().configure("Import.Treeview", rowheight=line_height(13) + 4)
        self.table.tree.configure(show="tree headings", style="Import.Treeview")
        self.table.tree.heading("#0", text=_("Khmer"), anchor="w")
        self.table.tree.column("#0", width=120, stretch=False)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self._selection_changed())
        self.photos: list = []
        plain_show_page = self.table.show_page

        def show_page(page):
            plain_show_page(page)
            fg = style_colors("Treeview")[0]
            self.photos = []
            rows = {r.line: r for r in (self.result.rows if self.result else [])}
            for iid, line in self.table.keys.items():
                name = rows[line].values.get("name_km", "") if line in rows else ""
                if name:
                    photo = khmer_photo(name, 13, fg=fg)
                    self.photos.append(photo)
                    self.table.tree.item(iid, image=photo)

        self.table.show_page = show_page
        self.result = None
        self.ticked: set[int] = set()
        self.task = None

    def save_template(self) -> None:
        path = self.ctx.choose_file(self, "save", defaultextension=".xlsx",
                                    initialfile="children-template.xlsx",
                                    filetypes=[("Excel", "*.xlsx"), ("CSV", "*.csv")])
        if path:
            attendance_import.write_template(path)
            self.ctx.status(_("Template saved to {path}").format(path=path))

    def choose(self):
        path = self.ctx.choose_file(self, "open", filetypes=[(_("Excel or CSV"), "*.xlsx *.csv *.txt"),
                                                             (_("All files"), "*")])
        if not path:
            return None
        self.import_button.configure(state="disabled")
        self.summary.configure(text=_("Reading {path}...").format(path=path), bootstyle="default")
        self.task = BackgroundTask(self, lambda progress: attendance_import.preview(self.ctx.actor, path),
                                   self.show_preview, self.show_error).start()
        return self.task

    def _state(self, row) -> str:
        if row.error:
            return _("error")
        if row.duplicate_of:
            return _("import") if row.line in self.ticked else _("skip?")
        return _("OK")

    def _problem(self, row) -> str:
        if row.duplicate_of and not row.error:
            return _("likely duplicate of {other} (same name and birth date): left out unless "
                     "ticked").format(other=row.duplicate_of)
        return row.error

    def show_preview(self, result) -> None:
        self.result = result
        self.ticked = set()
        self.tick_button.configure(state="disabled")
        if result.file_error:
            self.summary.configure(text=_("This file cannot be imported: {why}. Nothing was "
                                          "written.").format(why=result.file_error),
                                   bootstyle="danger", wraplength=900, justify="left")
            self.table.set_source(lambda p, s: ([], 0))
            return
        rows = sorted(result.rows, key=lambda r: (not r.error, not r.duplicate_of, r.line))
        self.table.set_source(lambda p, s: ([(r.line, (
            r.line, self._state(r), r.values.get("child_code", ""),
            r.values.get("name_latin", ""), r.values.get("family_code", ""), self._problem(r)))
            for r in rows[p * s:(p + 1) * s]], len(rows)))
        self._summarise()

    def _summarise(self) -> None:
        result = self.result
        dups = len(result.duplicates)
        text = _("{ok} valid rows ({fam} new families), {bad} rows with a problem (listed "
                 "first; they are left out).").format(ok=len(result.valid) - dups,
                                                      fam=len(result.new_families), bad=len(result.bad))
        if dups:
            text += " " + _("{n} likely duplicates: left out unless you select them and tick them "
                            "({t} ticked).").format(n=dups, t=len(self.ticked))
        if result.unknown_columns:
            text += " " + _("Columns not imported: {names}.").format(names=", ".join(result.unknown_columns))
        self.summary.configure(text=text, bootstyle="warning" if result.bad or dups else "success",
                               wraplength=900, justify="left")
        self.import_button.configure(state="normal" if self._to_import() else "disabled")

    def _to_import(self) -> int:
        if not self.result:
            return 0
        return sum(1 for r in self.result.valid if not r.duplicate_of or r.line in self.ticked)

    def _selection_changed(self) -> None:
        line = self.table.selected_key()
        row = next((r for r in self.result.rows if r.line == line), None) if self.result else None
        duplicate = row is not None and not row.error and row.duplicate_of
        self.tick_button.configure(state="normal" if duplicate else "disabled")

    def toggle_duplicate(self) -> None:
        """Tick (or untick) the selected likely duplicate: it is then imported as a new child."""
        line = self.table.selected_key()
        if line is None:
            return
        self.ticked.symmetric_difference_update({line})
        self.table.refresh()
        self._summarise()

    def show_error(self, exc) -> None:
        self.summary.configure(text=str(exc), bootstyle="danger")

    def commit(self):
        count = self._to_import()
        if not count:
            return None
        if not self.ctx.confirm(self, _("Import children"), _(
                "Import {n} children now? The {bad} rows with a problem are left out.").format(
                    n=count, bad=len(self.result.bad))):
            return None
        self.import_button.configure(state="disabled")
        result, ticked = self.result, set(self.ticked)

        def done(count):
            self.result = None
            self.summary.configure(text=ngettext("Imported {n} child.",
                                                 "Imported {n} children.", count).format(n=count),
                                   bootstyle="success")

        self.task = BackgroundTask(self, lambda progress: attendance_import.commit(self.ctx.actor, result, ticked),
                                   done, self.show_error).start()
        return self.task
