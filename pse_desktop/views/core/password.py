"""The change-my-password dialog, open to every user."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import _
from ...services.core import auth
from ...services.common.errors import ValidationError
from ..common.base import FAILED, Form, call_service


class ChangePasswordDialog(tb.Toplevel):
    def __init__(self, master, actor, on_status):
        super().__init__(title=_("Change password"), transient=master.winfo_toplevel())
        self.actor, self.on_status = actor, on_status
        self.form = Form(self, padding=16)
        self.form.pack(fill="both", expand=True)
        self.form.add("current password", _("Current password"), show="•")
        self.form.add("new password", _("New password"), show="•", help=_("At least 8 characters."))
        self.form.add("repeat", _("New password again"), show="•")
        bar = tb.Frame(self, padding=(16, 0, 16, 16))
        bar.pack(fill="x")
        tb.Button(bar, text=_("Change password"), bootstyle="primary",
                  command=self.submit).pack(side="right")
        tb.Button(bar, text=_("Cancel"), bootstyle="secondary", command=self.destroy).pack(
            side="right", padx=6)
        self.bind("<Return>", lambda e: self.submit())
        self.bind("<Escape>", lambda e: self.destroy())
        self.form.widgets["current password"].focus_set()
        self.done = False

    def submit(self) -> None:
        v = self.form.values()
        if v["new password"] != v["repeat"]:
            self.form.show_error(ValidationError("repeat", _("the two passwords differ")))
            return
        if call_service(self.form, auth.change_own_password, self.actor, v["current password"],
                        v["new password"]) is FAILED:
            return
        self.done = True
        self.on_status(_("Password changed."))
        self.destroy()
