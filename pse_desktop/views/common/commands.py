"""Commands declared once: a label, a shortcut, the screen method that does it, and when it is
available. The menu bar and the keyboard shortcuts of the screen in front come from them.

A screen declares its commands beside its code::

    class TimeSheetScreen(Screen):
        commands = (Command("save", method="save"), Command("refresh", method="load_people"))

The usual actions (save, find, print, new, refresh, cancel) have their usual label and key;
a screen may declare others with its own label and shortcut.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n import N_, _

# action: (label, shortcut shown in the menu, Tk sequences)
STANDARD = {
    "save": (N_("Save"), "Ctrl+S", ("<Control-s>", "<Control-S>")),
    "find": (N_("Find"), "Ctrl+F", ("<Control-f>", "<Control-F>")),
    "print": (N_("Print"), "Ctrl+P", ("<Control-p>", "<Control-P>")),
    "new": (N_("New"), "Ctrl+N", ("<Control-n>", "<Control-N>")),
    "refresh": (N_("Refresh"), "F5", ("<F5>",)),
    "cancel": (N_("Cancel"), "Esc", ("<Escape>",)),
}
EDIT_ORDER = ("new", "save", "find", "refresh", "cancel")


@dataclass(frozen=True)
class Command:
    action: str  # a STANDARD action, or the screen's own id
    method: str  # the screen's method that does it
    label: str = ""  # English, translated when shown; the standard label by default
    shortcut: str = ""  # shown in the menu, e.g. "F12"; the standard one by default
    sequences: tuple[str, ...] = ()  # Tk event sequences; the standard ones by default
    when: str = ""  # the screen's method that says whether it is available now

    @property
    def text(self) -> str:
        return _(self.label or STANDARD.get(self.action, (self.action,))[0])

    @property
    def accelerator(self) -> str:
        return self.shortcut or (STANDARD[self.action][1] if self.action in STANDARD else "")

    @property
    def keys(self) -> tuple[str, ...]:
        return self.sequences or (STANDARD[self.action][2] if self.action in STANDARD else ())

    def available(self, screen) -> bool:
        return bool(getattr(screen, self.when)()) if self.when else True

    def run(self, screen):
        """Do the command on ``screen`` if it is available now; return what the method returned."""
        if not self.available(screen):
            return None
        return getattr(screen, self.method)()


def commands_of(screen) -> tuple[Command, ...]:
    """The screen's declared commands, plus Find (when it has a search field) and Refresh."""
    declared = tuple(getattr(screen, "commands", ()) or ())
    actions = {c.action for c in declared}
    extra = []
    if "find" not in actions and getattr(screen, "find_field", None) is not None:
        extra.append(Command("find", "focus_find"))
    if "refresh" not in actions and hasattr(screen, "on_show"):
        extra.append(Command("refresh", "on_show"))
    return declared + tuple(extra)


def find(screen, action: str) -> Command | None:
    return next((c for c in commands_of(screen) if c.action == action), None)


class Shortcuts:
    """The keys of the screen in front, bound on the window while it is shown, and only then."""

    def __init__(self, window):
        self.window = window
        self.bound: list[tuple[str, str]] = []

    def show(self, screen) -> None:
        self.clear()
        for command in commands_of(screen):
            for sequence in command.keys:
                funcid = self.window.bind(sequence, self._handler(screen, command), add="+")
                self.bound.append((sequence, funcid))

    @staticmethod
    def _handler(screen, command):
        def handle(event):
            # A dialog on top (a Toplevel) keeps its own keys.
            if event.widget is not None and hasattr(event.widget, "winfo_toplevel"):
                try:
                    if event.widget.winfo_toplevel() is not screen.winfo_toplevel():
                        return None
                except Exception:  # a widget being destroyed
                    return None
            command.run(screen)
            return "break"

        return handle

    def clear(self) -> None:
        for sequence, funcid in self.bound:
            try:
                self.window.unbind(sequence, funcid)
            except Exception:  # the window is already gone
                pass
        self.bound = []


def plain_key(event) -> bool:
    """True when no Ctrl or Alt is held: a one-letter mark key must not fire on Ctrl+S."""
    return not (int(getattr(event, "state", 0) or 0) & (0x0004 | 0x0008 | 0x20000))
