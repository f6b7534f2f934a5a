"""Admin: every setting with its help text; all are checked before any is saved."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.core import settings
from ..common.base import FAILED, Form, Screen, call_service
from ..common.commands import Command


class SettingsScreen(Screen):
    title = N_("Settings")
    commands = (Command("save", "save"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        scroller = tb.Frame(self)  # the screen itself scrolls
        scroller.pack(fill="both", expand=True)
        # label above its field: the help lines get the screen's width (beside a long label they
        # were cut at the right in French and Khmer at 1024x600)
        self.form = Form(scroller, stacked=True, wrap=600)
        self.form.pack(fill="x", padx=4)
        self.labels = {}
        for key, d in settings.SETTINGS.items():
            self.form.add(key, _(d.label), help=_(d.help), width=40)
            self.labels[d.label] = key
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=8)
        tb.Button(bar, text=_("Save settings"), bootstyle="primary", command=self.save).pack(
            side="right")
        tb.Button(bar, text=_("Undo changes"), bootstyle="secondary", command=self.load).pack(
            side="right", padx=6)
        self.load()

    def load(self) -> None:
        self.form.clear_errors()
        self.form.set_values({k: v for k, v in settings.get_all().items()})

    def save(self) -> None:
        result = call_service(self.form, settings.set_values, self.ctx.actor, self.form.values(),
                              field_map=self.labels)
        if result is FAILED:
            return
        self.ctx.status(ngettext("{n} setting saved.",
                                 "{n} settings saved.", len(result)).format(n=len(result)) if result
                        else _("Nothing changed."))
