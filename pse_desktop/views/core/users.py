"""Admin: the list of users; add, edit, deactivate or reactivate, reset a password."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.core import users
from ...services.core.permissions import ROLE_NAMES, ROLES, role_actions
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.commands import Command


class UsersScreen(Screen):
    title = N_("Users")
    commands = (Command("new", "new"), Command("save", "save"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        left = tb.Frame(body)
        left.pack(side="left", fill="both", expand=True)
        self.table = PagedTable(left, [("username", _("User name"), 120), ("name", _("Full name"), 160),
                                       ("role", _("Role"), 120), ("where", _("Centres / shops"), 120),
                                       ("state", _("State"), 80)])
        self.table.pack(fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.load_selected())
        right = tb.Labelframe(body, text=_("User"), padding=12, width=320)
        right.pack(side="right", fill="y", padx=(12, 0), before=left)
        self.form = Form(right, stacked=True, wrap=280)
        self.form.pack(fill="x")
        self.form.add("user name", _("User name"), width=26)
        self.form.add("full name", _("Full name"))
        self.roles = {_(ROLE_NAMES[r]): r for r in ROLES}  # shown name -> role
        self.form.add("role", _("Role"), tb.Combobox, values=list(self.roles), state="readonly")
        self.form.add("centre", _("Centres (codes, comma separated)"),
                      help=_("For centre staff, e.g. STM, CBA"))
        self.form.add("shop", _("Shops (codes, comma separated)"), help=_("For shop staff"))
        self.form.add("password", _("Password"), show="•",
                      help=_("For a new user, or to reset this user's password."))
        bar = tb.Frame(right)
        bar.pack(fill="x", pady=(8, 0))
        tb.Button(bar, text=_("New"), bootstyle="secondary", command=self.new).pack(side="left")
        self.save_button = tb.Button(bar, text=_("Save"), bootstyle="primary", command=self.save)
        self.save_button.pack(side="right")
        self.active_button = tb.Button(right, text=_("Deactivate"), bootstyle="danger-outline",
                                       command=self.toggle_active)
        self.active_button.pack(fill="x", pady=(8, 0))
        self.reset_button = tb.Button(right, text=_("Reset password"), bootstyle="warning-outline",
                                      command=self.reset_password)
        self.reset_button.pack(fill="x", pady=(4, 0))
        self.role_help = tb.Label(right, text="", wraplength=280, justify="left",
                                  bootstyle="secondary", font=("TkDefaultFont", 8))
        self.role_help.pack(fill="x", pady=(10, 0))
        self.form.vars["role"].trace_add("write", lambda *a: self.show_role())
        self.editing = None
        self.table.set_source(self.fetch)
        self.new()

    def fetch(self, page, size):
        rows = users.list_users(self.ctx.actor)
        chunk = rows[page * size:(page + 1) * size]
        return [(u.id, (u.username, u.full_name, _(ROLE_NAMES.get(u.role, u.role)),
                        ", ".join(u.centre_codes + u.shop_codes),
                        _("active") if u.active else _("deactivated"))) for u in chunk], len(rows)

    def new(self) -> None:
        self.editing = None
        self.form.clear_errors()
        self.form.set_values({"user name": "", "full name": "", "role": _(ROLE_NAMES["centre_staff"]),
                              "centre": "", "shop": "", "password": ""})
        self.form.widgets["user name"].configure(state="normal")
        self.active_button.configure(state="disabled")
        self.reset_button.configure(state="disabled")
        self.form.widgets["user name"].focus_set()

    def load_selected(self) -> None:
        user_id = self.table.selected_key()
        if user_id is None:
            return
        info = users.get_user(self.ctx.actor, user_id)
        self.editing = info
        self.form.clear_errors()
        self.form.set_values({"user name": info.username, "full name": info.full_name,
                              "role": _(ROLE_NAMES[info.role]), "centre": ", ".join(info.centre_codes),
                              "shop": ", ".join(info.shop_codes), "password": ""})
        self.form.widgets["user name"].configure(state="disabled")
        self.active_button.configure(state="normal",
                                     text=_("Deactivate") if info.active else _("Reactivate"))
        self.reset_button.configure(state="normal")

    def role(self) -> str:
        """The role chosen in the form (its code)."""
        shown = str(self.form.values()["role"])
        return self.roles.get(shown, shown)

    def show_role(self) -> None:
        """Under the form: what the chosen role is, and what it may do, in the user's language."""
        self.role_help.configure(text=role_help_text(self.role()))

    @staticmethod
    def _codes(text: str) -> list[str]:
        return [c.strip() for c in text.replace(";", ",").split(",") if c.strip()]

    def save(self) -> None:
        v = self.form.values()
        centres, shops = self._codes(v["centre"]), self._codes(v["shop"])
        if self.editing is None:
            result = call_service(self.form, users.create_user, self.ctx.actor, v["user name"],
                                  v["full name"], self.role(), v["password"], centres, shops)
        else:
            result = call_service(self.form, users.update_user, self.ctx.actor, self.editing.id,
                                  v["full name"], self.role(), centres, shops)
        if result is FAILED:
            return
        self.ctx.status(_("Saved user {name}.").format(name=result.username))
        self.table.refresh()
        self.new()

    def toggle_active(self) -> None:
        if self.editing is None:
            return
        info = self.editing
        if info.active and not self.ctx.confirm(
                self, _("Deactivate user"),
                _("Deactivate {name}? They can no longer log in; their name stays in the history.")
                .format(name=info.username)):
            return
        if call_service(self.form, users.set_active, self.ctx.actor, info.id,
                        not info.active) is FAILED:
            return
        self.table.refresh()
        self.new()

    def reset_password(self) -> None:
        if self.editing is None:
            return
        password = self.form.values()["password"]
        if call_service(self.form, users.reset_password, self.ctx.actor, self.editing.id, password,
                        field_map={"new password": "password"}) is FAILED:
            return
        self.ctx.status(_("Password of {name} reset.").format(name=self.editing.username))
        self.form.vars["password"].set("")


def role_help_text(role: str) -> str:
    """The role's description and, but for admins (who may do everything), one line per action."""
    if role not in ROLES:
        return ""
    lines = [_(ROLES[role])]
    if role != "admin":
        lines += ["• " + _(text) for text in role_actions(role)]
    return "\n".join(lines)
