"""The main window: a sidebar of the screens the user may use, the screen, a status bar."""

from __future__ import annotations

import ttkbootstrap as tb

from ... import areas
from ...i18n import _
from ...services.core.permissions import ROLE_NAMES
from ..common.base import ScreenContext
from ..common.commands import Shortcuts, find as find_command
from ..common.table import equip_tables
from .menu import MenuBar


def _shorten(text: str, limit: int, left: bool = False) -> str:
    """Cut a long status-bar text with an ellipsis (at the start for paths: the end matters)."""
    if len(text) <= limit:
        return text
    return "…" + text[-(limit - 1):] if left else text[:limit - 1] + "…"


class MainWindow(tb.Frame):
    def __init__(self, master, actor, target, on_logout, on_theme, dark: bool = False,
                 ctx_overrides: dict | None = None, on_language=None):
        super().__init__(master)
        self.actor = actor
        self.ctx = ScreenContext(actor=actor, target=target, navigate=self.show,
                                 status=self._screen_said, logout=on_logout,
                                 **(ctx_overrides or {}))
        self.screens: dict[str, tb.Frame] = {}
        self.buttons: dict[str, tb.Button] = {}
        self.current = None
        self.last_message = ("", False)

        self.nav_style = "dark" if dark else "light"
        # The sidebar scrolls when it is taller than the window: Khmer buttons are taller, and a
        # netbook is 600 pixels high. The canvas is as wide as the buttons it shows.
        from ..common.scroll import ScrollHost

        self.sidebar_outer = tb.Frame(self)
        self.sidebar_outer.pack(side="left", fill="y")
        self.sidebar_host = ScrollHost(self.sidebar_outer)
        self.sidebar_host.min_width = 0
        self.sidebar = tb.Frame(self.sidebar_host.canvas, padding=(8, 6), bootstyle=self.nav_style)
        self.sidebar_host.attach(self.sidebar)
        self.sidebar.bind("<Configure>", lambda e: self.sidebar_host.canvas.configure(
            width=self.sidebar.winfo_reqwidth()), add="+")
        self.status_bar = tb.Frame(self, padding=(10, 4))
        self.status_bar.pack(side="bottom", fill="x")
        tb.Separator(self).pack(side="bottom", fill="x")
        self.body = tb.Frame(self)
        self.body.pack(side="left", fill="both", expand=True)

        self.nav_labels = [tb.Label(self.sidebar, text="PSE Desktop",
                                    font=("TkDefaultFont", 13, "bold"),
                                    bootstyle=f"inverse-{self.nav_style}")]
        self.nav_labels[0].pack(anchor="w", pady=(0, 6), padx=4)
        self.allowed = [s for s in areas.screens() if areas.may_open(s, actor)]
        self.sections: dict[str, tb.Frame] = {}
        self.open_sections: set[str] = set()
        self.section_buttons: dict[str, tb.Button] = {}
        self.section_of: dict[str, str] = {}
        self._add_button(self.sidebar, "home", _("Home"))
        # With many screens (an admin sees every area) sections fold, so the sidebar fits a
        # 768-pixel screen; a user of one or two areas sees everything open.
        self.folding = len(self.allowed) > 14
        order = []
        for screen in self.allowed:
            if screen.section not in order:
                order.append(screen.section)
        # Admin screens last: they are used least, and only by admins.
        order.sort(key=lambda name: name == "Admin")
        self.section_order = order
        for section in order:
            if self.folding:
                header = tb.Button(self.sidebar, text="", bootstyle=self.nav_style, padding=(10, 2),
                                   command=lambda name=section: self.toggle_section(name))
            else:  # nothing to fold: a plain heading, not a button that does nothing
                header = tb.Label(self.sidebar, text="", bootstyle=f"inverse-{self.nav_style}",
                                  font=("TkDefaultFont", 8, "bold"))
            # folded (an admin sees eight sections): tighter, so an open one fits at 1024x600
            header.pack(fill="x", pady=(2, 0) if self.folding else (6, 1))
            self.section_buttons[section] = header
            frame = tb.Frame(self.sidebar, bootstyle=self.nav_style)
            self.sections[section] = frame
            for screen in self.allowed:
                if screen.section == section:
                    self._add_button(frame, screen.key, _(screen.label))
                    self.section_of[screen.key] = section
            self._set_section(section, open_=not self.folding)

        # The buttons on the right are packed first so a long text on the left never hides them.
        tb.Button(self.status_bar, text=_("Log out"), bootstyle="link", command=on_logout).pack(
            side="right")
        tb.Button(self.status_bar, text=_("Change password"), bootstyle="link",
                  command=self.change_password).pack(side="right")
        if on_language is not None:
            from .language import LanguageMenu

            self.language_picker = LanguageMenu(self.status_bar, on_language)
            self.language_picker.pack(side="right", padx=4)
        self.dark = tb.BooleanVar(value=dark)
        self.on_theme = on_theme
        tb.Checkbutton(self.status_bar, text=_("Dark"), variable=self.dark, bootstyle="round-toggle",
                       command=lambda: self.switch_theme(on_theme)).pack(side="right", padx=8)
        who = actor.full_name or actor.username
        role = _(ROLE_NAMES[actor.role]) if actor.role in ROLE_NAMES else actor.role
        self.user_label = tb.Label(self.status_bar, text=f"{who} ({role})")
        self.user_label.pack(side="left")
        places_text = self._places_text()
        self.place_label = tb.Label(self.status_bar, text=_shorten(places_text, 32),
                                    bootstyle="secondary")
        self.place_label.pack(side="left", padx=12)
        self.db_label = tb.Label(self.status_bar, text=_shorten(target.label, 28, left=True),
                                 bootstyle="secondary")
        self.db_label.pack(side="left", padx=12)
        # The full texts, for whoever points at the shortened ones.
        self.tooltips = [tb.ToolTip(self.place_label, text=places_text or _("all centres")),
                         tb.ToolTip(self.db_label, text=target.label)]
        self.message = tb.Label(self.status_bar, text="", bootstyle="info")
        self.message.pack(side="left", padx=12)
        self.shortcuts = Shortcuts(self.winfo_toplevel())
        self.menu = MenuBar(self)
        self.show("home")

    def _places_text(self) -> str:
        from ...services.core import places

        parts = []
        if self.actor.centre_ids:
            parts += [c.name for c in places.list_centres() if c.id in self.actor.centre_ids]
        if self.actor.shop_ids:
            parts += [s.name for s in places.list_shops() if s.id in self.actor.shop_ids]
        return ", ".join(parts) or (_("all centres") if self.actor.role != "shop_staff" else "")

    def _set_section(self, section: str, open_: bool) -> None:
        frame, header = self.sections[section], self.section_buttons[section]
        if open_:
            self.open_sections.add(section)
        else:
            self.open_sections.discard(section)
        if open_:
            frame.pack(fill="x", after=header)
        else:
            frame.pack_forget()
        if hasattr(self, "sidebar_host"):
            self.sidebar_host._later()  # taller or shorter: the scrollbar follows
        arrow = "▾" if open_ or not self.folding else "▸"
        header.configure(text=f"{arrow} {_(section).upper()}" if self.folding else _(section).upper())

    def toggle_section(self, section: str) -> None:
        """Open a folded section (closing the others), or close it."""
        if not self.folding:
            return
        opening = section not in self.open_sections
        for name in self.sections:
            self._set_section(name, opening and name == section)

    def _add_button(self, parent, key: str, label: str) -> None:
        tight = getattr(self, "folding", False)
        button = tb.Button(parent, text=label, bootstyle=self.nav_style, width=19,
                           padding=(10, 2 if tight else 3), command=lambda: self.show(key))
        button.pack(fill="x", pady=0 if tight else 1)
        self.buttons[key] = button

    def screen_class(self, key: str):
        if key == "home":
            from .home import HomeScreen

            return HomeScreen
        for screen in self.allowed:
            if screen.key == key:
                return areas.resolve(screen.target)
        raise KeyError(key)

    def show(self, key: str):
        """Bring a screen to the front (building it the first time); return it.

        A screen with unsaved changes asks first; on Cancel it stays in front."""
        if (self.current is not None and key != self.current_key
                and not self.current.resolve_unsaved(_("leaving this screen"))):
            return self.current
        if key not in self.screens:
            self.screens[key] = self.screen_class(key)(self.body, self.ctx)
            equip_tables(self.screens[key])
        if self.current is not None:
            self.current.pack_forget()
            self.buttons[self.current_key].configure(bootstyle=self.nav_style)
        self.current, self.current_key = self.screens[key], key
        section = self.section_of.get(key)
        if self.folding and section and section not in self.open_sections:
            for name in self.sections:
                self._set_section(name, name == section)
        self.buttons[key].configure(bootstyle="primary")
        self.sidebar.update_idletasks()  # the opened section's size, before fitting and seeing
        self.sidebar_host.fit()
        self.sidebar_host.see(self.buttons[key])  # a scrolled sidebar shows where the user is
        self.current.pack(fill="both", expand=True)
        self.current.on_show()
        # The keys and menu entries of the screen in front, and only of it.
        self.shortcuts.show(self.current)
        self.menu.update(self.current, section)
        return self.current

    def can_leave(self, doing: str = "") -> bool:
        """Before logging out or closing: every open screen's unsaved changes are resolved."""
        for screen in self.screens.values():
            if hasattr(screen, "resolve_unsaved") and not screen.resolve_unsaved(doing):
                return False
        return True

    def run_command(self, action: str):
        """Do a declared command (save, print...) of the screen in front, if it has one."""
        command = find_command(self.current, action) if self.current is not None else None
        return command.run(self.current) if command is not None else None

    def theme_from_menu(self) -> None:
        self.switch_theme(self.on_theme)

    def destroy(self) -> None:
        """Leaving (log out): the keys and the menu of this session go with it."""
        self.shortcuts.clear()
        self.menu.destroy()
        super().destroy()

    def switch_theme(self, on_theme) -> None:
        """Switch light/dark; the sidebar follows so it never glares in the dark theme."""
        on_theme(self.dark.get())
        self.nav_style = "dark" if self.dark.get() else "light"
        self.sidebar.configure(bootstyle=self.nav_style)
        for name, frame in self.sections.items():
            frame.configure(bootstyle=self.nav_style)
            header = self.section_buttons[name]
            header.configure(bootstyle=self.nav_style if self.folding
                             else f"inverse-{self.nav_style}")
        for label in self.nav_labels:
            label.configure(bootstyle=f"inverse-{self.nav_style}")
        for key, button in self.buttons.items():
            button.configure(bootstyle="primary" if key == self.current_key else self.nav_style)

    def _screen_said(self, text: str, error: bool = False) -> None:
        """A screen's message, already on the screen's own line: kept, not repeated below."""
        self.last_message = (text, error)

    def set_status(self, text: str, error: bool = False) -> None:
        """A message of the program itself (a backup...); screens show theirs on their own line."""
        self.message.configure(text=_shorten(text, 60), bootstyle="danger" if error else "info")

    def change_password(self):
        from .password import ChangePasswordDialog

        return ChangePasswordDialog(self, self.actor, self.set_status)
