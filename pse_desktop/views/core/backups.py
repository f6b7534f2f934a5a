"""Admin: make a backup now, see the kept backups, restore one (checked, confirmed, undoable)."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.core import backup
from ..common.base import BackgroundTask, PagedTable, Screen


class BackupsScreen(Screen):
    title = N_("Backups")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        tb.Label(self, text=_("A backup is made once a day, at the first start of the day or while "
                              "the program runs. Keep a copy on a USB stick too: set the backups "
                              "folder in Settings."),
                 wraplength=700, justify="left").pack(anchor="w")
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=8)
        self.backup_button = tb.Button(bar, text=_("Back up now"), bootstyle="primary",
                                       command=self.backup_now)
        self.backup_button.pack(side="left")
        self.restore_button = tb.Button(bar, text=_("Restore the selected backup"),
                                        bootstyle="danger-outline", command=self.restore_selected)
        self.restore_button.pack(side="left", padx=8)
        tb.Button(bar, text=_("Restore from a file..."), bootstyle="danger-link",
                  command=self.restore_file).pack(side="left")
        self.progress = tb.Progressbar(bar, mode="indeterminate", length=160)
        self.message = tb.Label(self, text="", wraplength=700, justify="left")
        self.message.pack(anchor="w")
        self.space = tb.Label(self, text="", justify="left")
        self.space.pack(anchor="w")
        self.table = PagedTable(self, [("name", _("File"), 320), ("size", _("Size"), 90),
                                       ("folder", _("Folder"), 300)])
        self.table.pack(fill="both", expand=True)
        self.task = None

    def on_show(self) -> None:
        self.table.set_source(self.fetch)
        self.show_space()

    def show_space(self) -> None:
        count, used, limit = backup.space_used(self.ctx.target)
        self.space.configure(text=ngettext(
            "{n} backup uses {used:.1f} MB of the {limit:.0f} MB limit (daily, weekly and "
            "monthly copies are kept).",
            "{n} backups use {used:.1f} MB of the {limit:.0f} MB limit (daily, weekly and "
            "monthly copies are kept).", count).format(n=count, used=used / 1e6,
                                                       limit=limit / 1e6))

    def fetch(self, page, size):
        files = backup.list_backups(self.ctx.target)
        chunk = files[page * size:(page + 1) * size]
        return [(path, (path.name, f"{path.stat().st_size / 1e6:.1f} MB", str(path.parent)))
                for path in chunk], len(files)

    def _busy(self, busy: bool) -> None:
        state = "disabled" if busy else "normal"
        self.backup_button.configure(state=state)
        self.restore_button.configure(state=state)
        if busy:
            self.progress.pack(side="left", padx=8)
            self.progress.start()
        else:
            self.progress.stop()
            self.progress.pack_forget()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.configure(text=text, bootstyle="danger" if error else "success")

    def backup_now(self) -> None:
        self._busy(True)
        self.task = BackgroundTask(
            self, lambda progress: backup.make_backup(self.ctx.actor, self.ctx.target),
            on_done=lambda path: (self._busy(False), self._say(_("Backup saved: {p}").format(p=path)),
                                  self.table.refresh(), self.show_space()),
            on_error=lambda exc: (self._busy(False), self._say(str(exc), True))).start()

    def restore_selected(self) -> None:
        path = self.table.selected_key()
        if path is None:
            self._say(_("Select a backup in the list first."), True)
            return
        self.restore(path)

    def restore_file(self) -> None:
        path = self.ctx.choose_file(self, "open", title=_("Backup file to restore"),
                                    filetypes=[(_("Databases"), "*.sqlite3 *.db"), ("*", "*")])
        if path:
            from pathlib import Path

            self.restore(Path(path))

    def restore(self, path) -> None:
        report = backup.check_file(path)
        if not report.ok:
            self._say(_("This file cannot be restored: {why}").format(why="; ".join(report.problems)),
                      True)
            return
        if not self.ctx.confirm(self, _("Restore backup"),
                                _("Replace the whole database with {name}? Everything entered "
                                  "since that backup is replaced. The current database is kept "
                                  "as a copy first, so this can be undone.").format(name=path.name)):
            return
        try:
            safety = backup.restore(self.ctx.actor, self.ctx.target, path)
        except Exception as exc:  # shown, never swallowed
            self._say(str(exc), True)
            return
        # The restored database has its own users: everyone logs in again.
        self.ctx.inform(self, _("Restore backup"),
                        _("Restored {name}. The previous database was kept as {safety}. "
                          "Please log in again.").format(name=path.name, safety=safety))
        self.ctx.logout()
