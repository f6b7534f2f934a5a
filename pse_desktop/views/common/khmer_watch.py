"""Knowing at once when a Tk widget changes what it shows, for the Khmer overlays.

An overlay (a shaped image laid over a table cell or a drop-down's field) must never show a text
the widget no longer holds, even for a moment. ``Watched`` wraps the widget's Tcl command: every
call, from Python or from Tk's own bindings, goes through a small Tcl procedure that runs the
real command (errors and results pass through untouched) and, when the operation is one that can
change what is shown, asks for a refresh at the next idle moment, before the screen is redrawn.
"""

from __future__ import annotations

import abc
import tkinter

_PROC = """
proc ::pse_khmer_watch {orig operations notify args} {
    set code [catch {uplevel 1 [list $orig {*}$args]} result options]
    if {[lindex $args 0] in $operations} { catch {$notify} }
    return -options $options $result
}
"""


class Watched(abc.ABC):
    """Base of an overlay keeper: ``operations`` names the calls after which to ``refresh``."""

    operations: tuple[str, ...] = ()

    def __init__(self, widget: tkinter.Misc):
        self.widget = widget
        self.tk = widget.tk
        self.path = str(widget)
        self.orig = self.path + "__khmer_orig"
        self._soon = None
        if not self.tk.call("info", "procs", "::pse_khmer_watch"):
            self.tk.eval(_PROC)
        self._notify = widget.register(self.schedule)
        self.tk.call("rename", self.path, self.orig)
        self.tk.call("interp", "alias", "", self.path, "", "::pse_khmer_watch", self.orig,
                     " ".join(self.operations), self._notify)
        widget.bind("<Configure>", self.schedule, add="+")
        widget.bind("<<ThemeChanged>>", self.schedule, add="+")
        widget.bind("<Destroy>", self._on_destroy, add="+")
        self.schedule()

    @classmethod
    def attach(cls, widget):
        """The keeper of ``widget``, made the first time."""
        attribute = f"khmer_{cls.__name__.lower()}"
        keeper = widget.__dict__.get(attribute)
        if keeper is None:
            keeper = cls(widget)
            setattr(widget, attribute, keeper)
        return keeper

    def _call(self, *args):
        """The widget's own command, past the watch (a refresh must not ask for another)."""
        return self.tk.call(self.orig, *args)

    def schedule(self, *_args) -> None:
        if self._soon is None:
            try:
                self._soon = self.widget.after_idle(self._run)
            except tkinter.TclError:
                self._soon = None

    def _run(self) -> None:
        self._soon = None
        try:
            self.refresh()
        except tkinter.TclError:  # the widget went away while we looked
            pass

    @abc.abstractmethod
    def refresh(self) -> None:
        """Draw the overlay again from the widget as it is now (each keeper its own)."""

    def _on_destroy(self, event) -> None:
        if str(event.widget) != self.path:
            return
        if self._soon is not None:
            try:
                self.widget.after_cancel(self._soon)
            except tkinter.TclError:
                pass
            self._soon = None
        try:  # Tk deleted the renamed command with the widget; the alias is ours to remove
            self.tk.call("rename", self.path, "")
        except tkinter.TclError:
            pass
        try:
            self.widget.deletecommand(self._notify)
        except (tkinter.TclError, AttributeError):
            pass
