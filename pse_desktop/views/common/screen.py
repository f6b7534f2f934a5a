"""The base of every screen: a fixed title and message line, content that scrolls, a button
row that stays in view, its own messages, declared commands and unsaved-changes handling."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as tb

from ...i18n import _
from .base import FAILED, ScreenContext


class _LocalContext:
    """The screen's view of the shared context: the same context, except that its messages go
    to the screen's own message line (then on to the shared status)."""

    def __init__(self, base: ScreenContext, status):
        object.__setattr__(self, "_base", base)
        object.__setattr__(self, "status", status)

    def __getattr__(self, name):
        return getattr(self._base, name)

    def __setattr__(self, name, value):
        setattr(self._base, name, value)


class Screen(tb.Frame):
    """Base of every screen: a title and message line that stay at the top, the screen's own
    content that scrolls when the window is too small for it, and a button row (``actions``)
    that stays at the bottom, in view, however the content scrolls.

    The screen is the scrolled frame itself, so subclasses put their widgets in ``self`` as
    before; ``pack``, ``grid`` and ``destroy`` act on the whole screen.
    """

    title = ""
    commands: tuple = ()  # Command(...) declarations: menu entries and shortcuts (commands.py)
    find_field = None  # the search entry Ctrl+F goes to

    def __init__(self, master, ctx: ScreenContext):
        from .scroll import ScrollHost

        self._outer = tb.Frame(master)
        header = tb.Frame(self._outer, padding=(16, 8, 16, 0))
        header.grid(row=0, column=0, columnspan=2, sticky="ew")
        self.heading = tb.Label(header, text=_(self.title), font=("TkDefaultFont", 15, "bold"))
        self.heading.pack(side="left", anchor="w")
        self.message_line = tb.Label(header, text="", bootstyle="success", justify="left",
                                wraplength=500)
        self.message_line.pack(side="left", fill="x", expand=True, padx=(16, 0))
        header.bind("<Configure>", lambda e: self.message_line.configure(
            wraplength=max(200, e.width - self.heading.winfo_width() - 40)), add="+")
        self.host = ScrollHost(self._outer, row=1)
        super().__init__(self.host.canvas, padding=(16, 6, 16, 10))
        self.host.attach(self)
        self.actions = tb.Frame(self._outer, padding=(16, 4, 16, 8))
        self.actions.grid(row=3, column=0, columnspan=2, sticky="ew")
        self._forward_status = ctx.status
        self.ctx = _LocalContext(ctx, self.say)
        self._destroying = False

    def say(self, text: str, error: bool = False) -> None:
        """Show a result or an error on this screen's message line (and pass it on)."""
        try:
            self._drop_offer()
            self.message_line.configure(text=text, bootstyle="danger" if error else "success")
        except tk.TclError:
            pass  # the screen was closed while the work ran
        try:
            self._forward_status(text, error)
        except TypeError:
            self._forward_status(text)

    # -- unsaved changes: a screen with edits overrides has_unsaved (and save/discard) ---------
    def has_unsaved(self) -> bool:
        """True while the screen holds edits that are not saved."""
        return False

    def save_changes(self) -> bool:
        """Save the edits; return False when they could not be saved (the error is shown)."""
        from .commands import find

        command = find(self, "save")
        result = command.run(self) if command is not None else FAILED
        return result is not FAILED and result is not None

    def discard_changes(self) -> None:
        """Forget the edits (the next load shows what is saved)."""

    def resolve_unsaved(self, doing: str = "") -> bool:
        """Before leaving the edits: ask Save / Discard / Cancel; True when it is fine to go on."""
        if not self.has_unsaved():
            return True
        answer = self.ctx.ask_unsaved(self, _("Unsaved changes"), _(
            "{screen} has changes that are not saved. Save them before {doing}?").format(
                screen=_(self.title), doing=doing or _("leaving")))
        if answer == "save":
            return self.save_changes()
        if answer == "discard":
            self.discard_changes()
            return True
        return False

    def focus_find(self) -> None:
        if self.find_field is not None:
            self.host.see(self.find_field)
            self.find_field.focus_set()
            try:
                self.find_field.select_range(0, "end")
            except (tk.TclError, AttributeError):
                pass

    def offer(self, label: str, command) -> None:
        """A button beside the message (Print after a PDF); gone with the next message."""
        self._drop_offer()
        self._offer = tb.Button(self.message_line.master, text=label, bootstyle="link",
                                padding=(4, 0), command=command)
        self._offer.pack(side="left", after=self.message_line)

    def _drop_offer(self) -> None:
        if getattr(self, "_offer", None) is not None:
            self._offer.destroy()
            self._offer = None

    def on_show(self) -> None:
        """Called each time the screen comes to the front."""

    # The screen's place in its parent is the outer frame's place.
    def pack_configure(self, cnf={}, **kw):
        self._outer.pack_configure(cnf, **kw)

    pack = pack_configure

    def pack_forget(self):
        self._outer.pack_forget()

    forget = pack_forget

    def grid_configure(self, cnf={}, **kw):
        self._outer.grid_configure(cnf, **kw)

    grid = grid_configure

    def grid_forget(self):
        self._outer.grid_forget()

    def place_configure(self, cnf={}, **kw):
        self._outer.place_configure(cnf, **kw)

    place = place_configure

    def place_forget(self):
        self._outer.place_forget()

    def destroy(self):
        if self._destroying:
            return super().destroy()
        self._destroying = True
        super().destroy()
        self._outer.destroy()
