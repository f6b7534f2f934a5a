"""What the shop screens share: the location chooser and opening a PDF for printing."""

from __future__ import annotations

import ttkbootstrap as tb

from ...desktop import open_document
from ...i18n import _
from ...services.shop import locations as shop
from ..core import prefs


def open_file(path) -> None:
    """Open a PDF in the system's viewer so it can be printed; quietly does nothing if none."""
    open_document(path)


def opener(ctx):
    """The function that opens files: tests put their own in ``ctx.extra['open_file']``."""
    return ctx.extra.get("open_file", open_file)


class LocationChooser(tb.Frame):
    """A read-only combobox of the locations the user may use; calls ``on_change(location)``."""

    def __init__(self, master, ctx, on_change, kinds=shop.LOCATION_KINDS, label=None):
        super().__init__(master)
        self.ctx, self.kinds, self.on_change = ctx, kinds, on_change
        tb.Label(self, text=label or _("Location")).pack(side="left", padx=(0, 6))
        self.var = tb.StringVar()
        self.box = tb.Combobox(self, textvariable=self.var, state="readonly", width=34)
        self.box.pack(side="left")
        self.box.bind("<<ComboboxSelected>>", lambda e: self._changed())
        self.locations = []

    def reload(self) -> None:
        if self.ctx.actor and not getattr(self, "_ensured", False):
            shop.ensure_locations(self.ctx.actor)
            self._ensured = True
        current = self.current()
        self.locations = shop.list_locations(self.ctx.actor, kinds=self.kinds)
        self.box.configure(values=[self._label(loc) for loc in self.locations])
        keep = next((loc for loc in self.locations if current and loc.id == current.id), None)
        last = prefs.remembered(self._user(), "location") if current is None else None
        keep = keep or next((loc for loc in self.locations if loc.id == last), None)
        chosen = keep or (self.locations[0] if self.locations else None)
        self.var.set(self._label(chosen) if chosen else "")
        if chosen is not None and (current is None or chosen.id != current.id):
            self.on_change(chosen)

    @staticmethod
    def _label(loc) -> str:
        return f"{loc.code} - {loc.name}"

    def current(self):
        text = self.var.get()
        return next((loc for loc in self.locations if self._label(loc) == text), None)

    def select(self, location_id: int) -> None:
        for loc in self.locations:
            if loc.id == location_id:
                self.var.set(self._label(loc))
                self.on_change(loc)

    def _user(self) -> str:
        return getattr(self.ctx.actor, "username", "") or ""

    def _changed(self) -> None:
        loc = self.current()
        if loc is not None:
            prefs.remember(self._user(), "location", loc.id)  # the next screen opens here
            self.on_change(loc)
