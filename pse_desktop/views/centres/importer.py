"""Import children and families: template, preview with every bad row named, then confirm."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.centres import importer as attendance_import
from ..common.base import BackgroundTask, PagedTable, Screen


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
        self.summary = tb.Label(self, text="", font=("TkDefaultFont", 11))
        self.summary.pack(anchor="w")
        self.table = PagedTable(self, [("line", _("Line"), 50), ("state", _("State"), 60),
                                       ("code", _("Child code"), 90), ("name", _("Name"), 150),
                                       ("family", _("Family"), 80), ("problem", _("Problem"), 400)],
                                page_size=300)
        self.table.pack(fill="both", expand=True)
        self.result = None
        self.task = None

    def save_template(self) -> None:
        path = self.ctx.choose_file(self, "save", defaultextension=".xlsx",
                                    initialfile="children-template.xlsx",
                                    filetypes=[("Excel", "*.xlsx"), ("CSV", "*.csv")])
        if path:
            attendance_import.write_template(path)
            self.ctx.status(_("Template saved to {path}").format(path=path))

    def choose(self):
        path = self.ctx.choose_file(self, "open", filetypes=[("Excel or CSV", "*.xlsx *.csv")])
        if not path:
            return None
        self.import_button.configure(state="disabled")
        self.summary.configure(text=_("Reading {path}...").format(path=path), bootstyle="default")
        self.task = BackgroundTask(self, lambda progress: attendance_import.preview(self.ctx.actor, path),
                                   self.show_preview, self.show_error).start()
        return self.task

    def show_preview(self, result) -> None:
        self.result = result
        if result.file_error:
            self.summary.configure(text=_("This file cannot be imported: {why}. Nothing was "
                                          "written.").format(why=result.file_error),
                                   bootstyle="danger")
            self.table.set_source(lambda p, s: ([], 0))
            return
        rows = sorted(result.rows, key=lambda r: (not r.error, r.line))
        self.table.set_source(lambda p, s: ([(r.line, (
            r.line, _("error") if r.error else _("OK"), r.values.get("child_code", ""),
            r.values.get("name_latin", ""), r.values.get("family_code", ""), r.error))
            for r in rows[p * s:(p + 1) * s]], len(rows)))
        self.summary.configure(
            text=_("{ok} valid rows ({fam} new families), {bad} rows with a problem (listed "
                   "first; they are left out).").format(ok=len(result.valid),
                                                        fam=len(result.new_families),
                                                        bad=len(result.bad)),
            bootstyle="warning" if result.bad else "success")
        self.import_button.configure(state="normal" if result.valid else "disabled")

    def show_error(self, exc) -> None:
        self.summary.configure(text=str(exc), bootstyle="danger")

    def commit(self):
        if not self.result or not self.result.valid:
            return None
        if not self.ctx.confirm(self, _("Import children"), _(
                "Import {n} children now? The {bad} rows with a problem are left out.").format(
                    n=len(self.result.valid), bad=len(self.result.bad))):
            return None
        self.import_button.configure(state="disabled")
        result = self.result

        def done(count):
            self.result = None
            self.summary.configure(text=_("Imported {n} children.").format(n=count),
                                   bootstyle="success")

        self.task = BackgroundTask(self, lambda progress: attendance_import.commit(self.ctx.actor, result),
                                   done, self.show_error).start()
        return self.task
